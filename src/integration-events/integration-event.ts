import { FhirAppointment } from './fhir-appointment';
import { FhirHeldSlot } from './fhir-held-slot';
import { FhirSchedule, FhirSlot } from './fhir-schedule';
import { FhirWaitlistAppointment } from './fhir-waitlist-appointment';

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

/**
 * A slot hold's time, as a Slot on the doctor's schedule: held (nobody else may book it), then
 * booked (the hold became an appointment), released (given back before its time) or expired
 * (its time ran out unconverted).
 */
export const SLOT_INTEGRATION_EVENT_TYPES = ['slot.held.v1', 'slot.booked.v1', 'slot.released.v1', 'slot.expired.v1'] as const;

/**
 * A waitlist entry, as an Appointment `waitlist`: joined, offered a freed slot, the offer
 * declined (waiting again) or left to expire (the entry over), booked, or cancelled.
 */
export const WAITLIST_INTEGRATION_EVENT_TYPES = [
  'waitlist.joined.v1',
  'waitlist.offered.v1',
  'waitlist.offer-declined.v1',
  'waitlist.offer-expired.v1',
  'waitlist.booked.v1',
  'waitlist.cancelled.v1',
] as const;

export const INTEGRATION_EVENT_TYPES = [
  ...APPOINTMENT_INTEGRATION_EVENT_TYPES,
  ...SCHEDULE_INTEGRATION_EVENT_TYPES,
  ...SLOT_INTEGRATION_EVENT_TYPES,
  ...WAITLIST_INTEGRATION_EVENT_TYPES,
] as const;

export type AppointmentIntegrationEventType = (typeof APPOINTMENT_INTEGRATION_EVENT_TYPES)[number];
export type ScheduleIntegrationEventType = (typeof SCHEDULE_INTEGRATION_EVENT_TYPES)[number];
export type SlotIntegrationEventType = (typeof SLOT_INTEGRATION_EVENT_TYPES)[number];
export type WaitlistIntegrationEventType = (typeof WAITLIST_INTEGRATION_EVENT_TYPES)[number];
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

/** A hold's time after the change, as an HL7 FHIR R4 Slot whose id is the hold's. */
interface HeldSlotEnvelope<Type extends SlotIntegrationEventType> extends Envelope<Type> {
  holdId: string;
  doctorId: string;
  roomId: string;
  payload: FhirHeldSlot;
}

export interface SlotHeldIntegrationEvent extends HeldSlotEnvelope<'slot.held.v1'> {
  /** When the hold lets the time go unless it is booked first. */
  expiresAt: string;
}

export interface SlotBookedIntegrationEvent extends HeldSlotEnvelope<'slot.booked.v1'> {
  /** The appointment the hold became (its own `appointment.booked.v1`). */
  appointmentId: string;
}

export type SlotFreedIntegrationEvent = HeldSlotEnvelope<'slot.released.v1' | 'slot.expired.v1'>;

export type SlotIntegrationEvent = SlotHeldIntegrationEvent | SlotBookedIntegrationEvent | SlotFreedIntegrationEvent;

/** A waitlist entry after the change, as an HL7 FHIR R4 Appointment whose id is the entry's. */
interface WaitlistEnvelope<Type extends WaitlistIntegrationEventType> extends Envelope<Type> {
  waitlistEntryId: string;
  payload: FhirWaitlistAppointment;
}

export interface WaitlistOfferedIntegrationEvent extends WaitlistEnvelope<'waitlist.offered.v1'> {
  /** The offer's hold (`Slot/<holdId>`) and until when the patient may accept it. */
  holdId: string;
  expiresAt: string;
}

export interface WaitlistOfferEndedIntegrationEvent extends WaitlistEnvelope<'waitlist.offer-declined.v1' | 'waitlist.offer-expired.v1'> {
  /** The offer's hold, which the same change let go. */
  holdId: string;
}

export interface WaitlistBookedIntegrationEvent extends WaitlistEnvelope<'waitlist.booked.v1'> {
  holdId: string;
  /** The appointment the accepted offer became (its own `appointment.booked.v1`). */
  appointmentId: string;
}

export type WaitlistEntryIntegrationEvent = WaitlistEnvelope<'waitlist.joined.v1' | 'waitlist.cancelled.v1'>;

export type WaitlistIntegrationEvent = WaitlistOfferedIntegrationEvent | WaitlistOfferEndedIntegrationEvent | WaitlistBookedIntegrationEvent | WaitlistEntryIntegrationEvent;

export type IntegrationEvent = AppointmentIntegrationEvent | ScheduleIntegrationEvent | SlotIntegrationEvent | WaitlistIntegrationEvent;

/** An integration event at its place in the feed (1, 2, 3, ... without gaps). */
export interface PositionedIntegrationEvent {
  position: number;
  event: IntegrationEvent;
}
