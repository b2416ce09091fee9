import { FhirAppointment } from './fhir-appointment';

/**
 * The published language: what other services may rely on. Each type carries its version in
 * its name; a published version never changes shape (see the schemas and their lock file).
 * These are not the internal events, which may change freely.
 */
export const INTEGRATION_EVENT_TYPES = [
  'appointment.booked.v1',
  'appointment.rescheduled.v1',
  'appointment.reassigned.v1',
  'appointment.checked-in.v1',
  'appointment.fulfilled.v1',
  'appointment.noshow.v1',
  'appointment.cancelled.v1',
] as const;

export type IntegrationEventType = (typeof INTEGRATION_EVENT_TYPES)[number];

export interface IntegrationEvent {
  /** Stable per source event: a consumer (or JetStream) drops a redelivery by this id. */
  id: string;
  type: IntegrationEventType;
  /** When the change happened (ISO 8601, UTC). */
  time: string;
  appointmentId: string;
  /** The appointment after the change, as an HL7 FHIR R4 Appointment resource. */
  payload: FhirAppointment;
}

/** An integration event at its place in the feed (1, 2, 3, ... without gaps). */
export interface PositionedIntegrationEvent {
  position: number;
  event: IntegrationEvent;
}
