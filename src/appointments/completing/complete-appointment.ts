import { Command } from '@nestjs/cqrs';
import { assertStatus, factsOf } from '../domain/appointment-rules';
import { AppointmentCompleted, AppointmentEvent } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';

/** The visit took place (FHIR `fulfilled`). */
export class CompleteAppointment extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** Only a checked-in appointment is completed. */
export function decideComplete(state: Appointment, now: Date): AppointmentEvent[] {
  assertStatus(state, 'complete', ['checked-in']);
  return [new AppointmentCompleted({ ...factsOf(state), completedAt: now.toISOString() })];
}
