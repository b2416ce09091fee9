import { Command } from '@nestjs/cqrs';
import { AppointmentTypeTerms, slotInWorkingHours } from '../domain/appointment-rules';
import { AppointmentAlreadyExists } from '../domain/appointment.errors';
import { AppointmentCreated, AppointmentEvent } from '../domain/appointment.events';
import { AppointmentState } from '../domain/appointment.state';
import { DoctorHours } from '../domain/working-hours';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';

/** A booking as asked for: who, with whom, where and when. */
export interface BookingRequest {
  appointmentTypeId: string;
  doctorId: string;
  patientId: string;
  roomId: string;
  start: Date;
  /** Defaults to start + the appointment type's duration. */
  end?: Date;
  title: string;
  /** The slot hold the booking converts (POST /appointments with holdId): the booking must name the held slot. */
  holdId?: string;
}

/** Book an appointment (a new stream with the id given). */
export class BookAppointment extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly request: BookingRequest,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** What the booking decides on: the request with the doctor's schedule and the type's terms. */
export interface BookingTerms extends Omit<BookingRequest, 'doctorId' | 'appointmentTypeId'> {
  appointmentId: string;
  doctor: DoctorHours;
  appointmentType: AppointmentTypeTerms;
}

/**
 * A booking starts the appointment: the slot (end after start, not in the past) inside the
 * doctor's working hours. Double booking is not decided here: PostgreSQL's exclusion
 * constraints on the reservations decide it under any concurrency.
 */
export function decideBooking(terms: BookingTerms, state: AppointmentState, now: Date): AppointmentEvent[] {
  if (state !== null) throw new AppointmentAlreadyExists(state.id);
  const slot = slotInWorkingHours(terms, terms.appointmentType, terms.doctor, now);
  return [
    new AppointmentCreated({
      appointmentId: terms.appointmentId,
      doctorId: terms.doctor.id,
      patientId: terms.patientId,
      roomId: terms.roomId,
      appointmentTypeId: terms.appointmentType.id,
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      title: terms.title,
      bufferBeforeMinutes: terms.appointmentType.bufferBeforeMinutes,
      bufferAfterMinutes: terms.appointmentType.bufferAfterMinutes,
      ...(terms.holdId === undefined ? {} : { holdId: terms.holdId }),
    }),
  ];
}
