import { Command } from '@nestjs/cqrs';
import { assertStatus, factsOf } from '../domain/appointment-rules';
import { NotStartedYet } from '../domain/appointment.errors';
import { AppointmentEvent, AppointmentNoShowRecorded } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';

/** The patient did not come. */
export class MarkNoShow extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** Only for a booked appointment (a checked-in patient came), and only once it has started. */
export function decideNoShow(state: Appointment, now: Date): AppointmentEvent[] {
  assertStatus(state, 'record a no-show for', ['booked']);
  if (now.getTime() < new Date(state.start).getTime()) throw new NotStartedYet(state.start);
  return [new AppointmentNoShowRecorded({ ...factsOf(state), recordedAt: now.toISOString() })];
}
