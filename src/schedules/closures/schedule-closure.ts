import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { BlockTerms, decideBlock, Occupant } from '../domain/block-rules';
import { ClinicClosureScheduled } from '../domain/schedule.events';
import { ClosureState } from '../domain/schedule.state';
import { ScheduledBlock } from '../blocking/block-scheduling';

export interface ClosureRequest extends BlockTerms {
  closureId: string;
}

/** Close the whole clinic for a while (a public holiday, a team day): no doctor or room can be booked. */
export class ScheduleClosure extends Command<ScheduledBlock> {
  constructor(
    readonly request: ClosureRequest,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/**
 * A closure follows the rules of every block (see decideBlock); every booked appointment of the
 * clinic in its time is in its way. Closures may overlap each other.
 */
export function decideClosure(request: ClosureRequest, _state: ClosureState, inTheWay: readonly Occupant[], now: Date): ClinicClosureScheduled {
  return new ClinicClosureScheduled({ closureId: request.closureId, ...decideBlock('clinic closure', request, inTheWay, now) });
}
