import { Command } from '@nestjs/cqrs';
import { assertStatus, factsOf } from '../domain/appointment-rules';
import { AppointmentCancelled, AppointmentEvent } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';

/** Call an appointment off, with the reason. */
export class CancelAppointment extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly request: { reason: string },
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** A booked or checked-in appointment may be cancelled; the event records which it was. */
export function decideCancel(reason: string, state: Appointment): AppointmentEvent[] {
  const previousStatus = assertStatus(state, 'cancel', ['booked', 'checked-in'] as const);
  return [new AppointmentCancelled({ ...factsOf(state), reason, previousStatus })];
}
