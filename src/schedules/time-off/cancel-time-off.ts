import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { RecordNotFound } from '../../shared/application-errors';
import { TimeOffCancelled } from '../domain/schedule.events';
import { DoctorScheduleState } from '../domain/schedule.state';
import { CancelledBlock } from '../blocking/block-scheduling';

/** Give a doctor's time off back to the schedule: the time can be booked again. */
export class CancelTimeOff extends Command<CancelledBlock> {
  constructor(
    readonly doctorId: string,
    readonly timeOffId: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** Only a time off of this doctor that still holds time can be cancelled; any other is not found. */
export function decideCancelTimeOff(doctorId: string, timeOffId: string, state: DoctorScheduleState): TimeOffCancelled {
  const timeOff = Object.prototype.hasOwnProperty.call(state.timeOff, timeOffId) ? state.timeOff[timeOffId] : undefined;
  if (!timeOff || timeOff.cancelled) throw new RecordNotFound('Time off', timeOffId);
  return new TimeOffCancelled({ doctorId, timeOffId, start: timeOff.start, end: timeOff.end });
}
