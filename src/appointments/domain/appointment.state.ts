/** Status vocabulary of the HL7 FHIR Appointment resource. */
export type AppointmentStatus = 'booked' | 'checked-in' | 'fulfilled' | 'cancelled' | 'noshow';

/** Statuses in which an appointment holds its doctor, room and patient (a reservation). */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'checked-in'];

/** The appointment as rebuilt from its events; `version` is the number of events applied. */
export interface Appointment {
  id: string;
  status: AppointmentStatus;
  doctorId: string;
  patientId: string;
  roomId: string;
  appointmentTypeId: string;
  start: string;
  end: string;
  title: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  cancellationReason: string | null;
  /** The recurring series it is an occurrence of; absent when booked alone. */
  seriesId?: string;
  /** The slot hold it was converted from; absent when booked directly. */
  holdId?: string;
  version: number;
}

/** `null` is the state of a stream with no events yet. */
export type AppointmentState = Appointment | null;

/** Bumped whenever the shape of `Appointment` changes; older snapshots are then ignored. */
export const APPOINTMENT_STATE_SCHEMA_VERSION = 1;
