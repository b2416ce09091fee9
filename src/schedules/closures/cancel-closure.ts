import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { RecordNotFound } from '../../shared/application-errors';
import { ClinicClosureCancelled } from '../domain/schedule.events';
import { ClosureState } from '../domain/schedule.state';
import { CancelledBlock } from '../blocking/block-scheduling';

/** Open the clinic again in a closure's time. */
export class CancelClosure extends Command<CancelledBlock> {
  constructor(
    readonly closureId: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** Only a closure that still holds time can be cancelled; an unknown or cancelled one is not found. */
export function decideCancelClosure(closureId: string, state: ClosureState): ClinicClosureCancelled {
  if (!state || state.cancelled) throw new RecordNotFound('Clinic closure', closureId);
  return new ClinicClosureCancelled({ closureId, start: state.start, end: state.end });
}
