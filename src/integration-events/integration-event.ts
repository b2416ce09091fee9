import { FhirAppointment } from './fhir-appointment';
import { FhirSchedule, FhirSlot } from './fhir-schedule';

/**
 * The published language: what other services may rely on. Each type carries its version in
 * its name; a published version never changes shape (see the schemas and their lock file).
 * These are not the internal events, which may change freely.
 */
export const APPOINTMENT_INTEGRATION_EVENT_TYPES = [
  'appointment.booked.v1',
  'appointment.rescheduled.v1',
  'appointment.reassigned.v1',
  'appointment.checked-in.v1',
  'appointment.fulfilled.v1',
  'appointment.noshow.v1',
  'appointment.cancelled.v1',
] as const;

/** The changes of the clinic's calendar: a doctor's weekly hours, and the blocks of time nobody may book. */
export const SCHEDULE_INTEGRATION_EVENT_TYPES = [
  'schedule.working-hours-changed.v1',
  'schedule.time-off-scheduled.v1',
  'schedule.time-off-cancelled.v1',
  'schedule.closure-scheduled.v1',
  'schedule.closure-cancelled.v1',
  'schedule.room-block-scheduled.v1',
  'schedule.room-block-cancelled.v1',
] as const;

export const INTEGRATION_EVENT_TYPES = [...APPOINTMENT_INTEGRATION_EVENT_TYPES, ...SCHEDULE_INTEGRATION_EVENT_TYPES] as const;

export type AppointmentIntegrationEventType = (typeof APPOINTMENT_INTEGRATION_EVENT_TYPES)[number];
export type ScheduleIntegrationEventType = (typeof SCHEDULE_INTEGRATION_EVENT_TYPES)[number];
export type IntegrationEventType = (typeof INTEGRATION_EVENT_TYPES)[number];

/** What every public event has. */
interface Envelope<Type extends IntegrationEventType> {
  /** Stable per source event: a consumer (or JetStream) drops a redelivery by this id. */
  id: string;
  type: Type;
  /** When the change happened (ISO 8601, UTC). */
  time: string;
}

export interface AppointmentIntegrationEvent extends Envelope<AppointmentIntegrationEventType> {
  appointmentId: string;
  /** The appointment after the change, as an HL7 FHIR R4 Appointment resource. */
  payload: FhirAppointment;
}

export interface WorkingHoursIntegrationEvent extends Envelope<'schedule.working-hours-changed.v1'> {
  doctorId: string;
  /** The doctor's schedule from the date the new hours are in force, as an HL7 FHIR R4 Schedule. */
  payload: FhirSchedule;
}

/** The block after the change, as an HL7 FHIR R4 Slot: each names what it blocks. */
export interface TimeOffIntegrationEvent extends Envelope<'schedule.time-off-scheduled.v1' | 'schedule.time-off-cancelled.v1'> {
  doctorId: string;
  timeOffId: string;
  payload: FhirSlot;
}

export interface ClosureIntegrationEvent extends Envelope<'schedule.closure-scheduled.v1' | 'schedule.closure-cancelled.v1'> {
  closureId: string;
  payload: FhirSlot;
}

export interface RoomBlockIntegrationEvent extends Envelope<'schedule.room-block-scheduled.v1' | 'schedule.room-block-cancelled.v1'> {
  roomId: string;
  blockId: string;
  payload: FhirSlot;
}

export type ScheduleIntegrationEvent = WorkingHoursIntegrationEvent | TimeOffIntegrationEvent | ClosureIntegrationEvent | RoomBlockIntegrationEvent;
export type IntegrationEvent = AppointmentIntegrationEvent | ScheduleIntegrationEvent;

/** An integration event at its place in the feed (1, 2, 3, ... without gaps). */
export interface PositionedIntegrationEvent {
  position: number;
  event: IntegrationEvent;
}
