import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { BlockTerms, decideBlock, Occupant } from '../domain/block-rules';
import { TimeOffScheduled } from '../domain/schedule.events';
import { DoctorScheduleState } from '../domain/schedule.state';
import { ScheduledBlock } from '../blocking/block-scheduling';

/** A doctor's time off without a reason given is recorded with this one. */
export const DEFAULT_TIME_OFF_REASON = 'time off';

export interface TimeOffRequest extends Omit<BlockTerms, 'reason'> {
  doctorId: string;
  timeOffId: string;
  reason?: string;
}

/** Take a doctor out of the schedule for a while (leave, a course, illness). */
export class ScheduleTimeOff extends Command<ScheduledBlock> {
  constructor(
    readonly request: TimeOffRequest,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/**
 * A time off follows the rules of every block (see decideBlock); the doctor's own overlapping
 * time off and their booked appointments are what can be in its way.
 */
export function decideTimeOff(request: TimeOffRequest, _state: DoctorScheduleState, inTheWay: readonly Occupant[], now: Date): TimeOffScheduled {
  const block = decideBlock('time off', { ...request, reason: request.reason ?? DEFAULT_TIME_OFF_REASON }, inTheWay, now);
  return new TimeOffScheduled({ doctorId: request.doctorId, timeOffId: request.timeOffId, ...block });
}
