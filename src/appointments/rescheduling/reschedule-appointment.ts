import { Command } from '@nestjs/cqrs';
import { AppointmentTypeTerms, assertStatus, factsOf, slotInWorkingHours } from '../domain/appointment-rules';
import { AppointmentEvent, AppointmentRescheduled } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { DoctorHours } from '../domain/working-hours';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';

/** Move an appointment to another time. */
export class RescheduleAppointment extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly request: { start: Date; end?: Date },
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** What a reschedule decides on: the new time, the doctor's schedule and the type's terms. */
export interface RescheduleTerms {
  start: Date;
  end?: Date;
  doctor: DoctorHours;
  appointmentType: AppointmentTypeTerms;
}

/** Only a booked appointment moves; the new slot follows the rules of a booking's slot. */
export function decideReschedule(terms: RescheduleTerms, state: Appointment, now: Date): AppointmentEvent[] {
  assertStatus(state, 'reschedule', ['booked']);
  const slot = slotInWorkingHours(terms, terms.appointmentType, terms.doctor, now);
  return [
    new AppointmentRescheduled({
      ...factsOf(state),
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      previousStart: state.start,
      previousEnd: state.end,
    }),
  ];
}
