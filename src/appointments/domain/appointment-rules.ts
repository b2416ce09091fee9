import { AppointmentFacts } from './appointment.events';
import { EndNotAfterStart, InvalidTransition, OutsideWorkingHours, StartInPast } from './appointment.errors';
import { Appointment, AppointmentStatus } from './appointment.state';
import { DoctorHours, isWithinWorkingHours } from './working-hours';

/**
 * Rules that more than one use case applies (a booking and a reschedule both choose a slot).
 * A rule of a single use case lives in that use case's folder.
 */

/** What a decision needs to know about an appointment type. */
export interface AppointmentTypeTerms {
  id: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

/** The facts every appointment event repeats, as the state holds them. */
export function factsOf(state: Appointment): AppointmentFacts {
  return {
    appointmentId: state.id,
    doctorId: state.doctorId,
    patientId: state.patientId,
    roomId: state.roomId,
    appointmentTypeId: state.appointmentTypeId,
    start: state.start,
    end: state.end,
    ...(state.seriesId === undefined ? {} : { seriesId: state.seriesId }),
  };
}

/** The slot asked for: `end` defaults to start + the type's duration; it must end after it starts, and not start in the past. */
export function slotFor(start: Date, end: Date | undefined, durationMinutes: number, now: Date): { start: Date; end: Date } {
  const slotEnd = end ?? new Date(start.getTime() + durationMinutes * 60_000);
  if (slotEnd.getTime() <= start.getTime()) throw new EndNotAfterStart(start.toISOString(), slotEnd.toISOString());
  if (start.getTime() < now.getTime()) throw new StartInPast(start.toISOString());
  return { start, end: slotEnd };
}

/** The slot lies inside the doctor's working hours, on the doctor's clock. */
export function assertWorkingHours(doctor: DoctorHours, start: Date, end: Date): void {
  if (!isWithinWorkingHours(doctor, start, end)) {
    throw new OutsideWorkingHours(doctor.id, start.toISOString(), end.toISOString(), doctor.timezone);
  }
}

/**
 * The slot a booking, a hold or a reschedule asks for, by the rules they share: `end` defaulted
 * from the type's duration, ending after it starts, not in the past, inside the doctor's working
 * hours on the doctor's clock.
 */
export function slotInWorkingHours(request: { start: Date; end?: Date }, appointmentType: Pick<AppointmentTypeTerms, 'durationMinutes'>, doctor: DoctorHours, now: Date): { start: Date; end: Date } {
  const slot = slotFor(request.start, request.end, appointmentType.durationMinutes, now);
  assertWorkingHours(doctor, slot.start, slot.end);
  return slot;
}

/** The appointment is in one of the statuses the action is allowed from (the lifecycle of FHIR). */
export function assertStatus<S extends AppointmentStatus>(state: Appointment, action: string, allowed: readonly S[]): S {
  if (!(allowed as readonly AppointmentStatus[]).includes(state.status)) {
    throw new InvalidTransition(action, state.status, allowed);
  }
  return state.status as S;
}
