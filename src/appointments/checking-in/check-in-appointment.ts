import { Command } from '@nestjs/cqrs';
import { assertStatus, factsOf } from '../domain/appointment-rules';
import { NotOnAppointmentDay } from '../domain/appointment.errors';
import { AppointmentCheckedIn, AppointmentEvent } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { DoctorHours, localDateOf } from '../domain/working-hours';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';

/** The patient has arrived. */
export class CheckInAppointment extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** Only a booked appointment, and only on its day on the doctor's clock. */
export function decideCheckIn(doctor: DoctorHours, state: Appointment, now: Date): AppointmentEvent[] {
  assertStatus(state, 'check in', ['booked']);
  const appointmentDay = localDateOf(new Date(state.start), doctor.timezone);
  if (localDateOf(now, doctor.timezone) !== appointmentDay) throw new NotOnAppointmentDay(appointmentDay);
  return [new AppointmentCheckedIn({ ...factsOf(state), checkedInAt: now.toISOString() })];
}
