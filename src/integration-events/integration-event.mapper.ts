import { createHash } from 'node:crypto';
import { AppointmentEvent, AppointmentEventType } from '../appointments/domain/appointment.events';
import { statusAfter } from '../appointments/domain/appointment.evolve';
import { AppointmentStatus } from '../appointments/domain/appointment.state';
import { StoredEvent } from '../event-store/stored-event';
import { fhirAppointment } from './fhir-appointment';
import { IntegrationEvent, IntegrationEventType } from './integration-event';

/** Which public event each internal event becomes. */
const PUBLISHED_AS: Record<AppointmentEventType, IntegrationEventType> = {
  AppointmentCreated: 'appointment.booked.v1',
  AppointmentRescheduled: 'appointment.rescheduled.v1',
  AppointmentReassigned: 'appointment.reassigned.v1',
  AppointmentCheckedIn: 'appointment.checked-in.v1',
  AppointmentCompleted: 'appointment.fulfilled.v1',
  AppointmentNoShowRecorded: 'appointment.noshow.v1',
  AppointmentCancelled: 'appointment.cancelled.v1',
};

/** The appointment's status after the event; rescheduling and reassigning happen only while booked. */
const publishedStatus = (type: AppointmentEventType): AppointmentStatus => statusAfter(type) ?? 'booked';

/** Namespace of the integration event ids (a UUID v5 of the source event id and the public type). */
const ID_NAMESPACE = Buffer.from('5f0c7a3e9d2b4c61a8e4b7d90c3f1a22', 'hex');

function nameBasedId(name: string): string {
  const hash = createHash('sha1').update(ID_NAMESPACE).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Translates an internal event into its public counterpart. Only the appointment facts every
 * internal event carries are used, never free text: the public shape depends on this function
 * alone, so internal events can change (with an upcaster) without other services noticing.
 */
export function toIntegrationEvent(event: AppointmentEvent, stored: StoredEvent): IntegrationEvent {
  const type = PUBLISHED_AS[event.type];
  const status = publishedStatus(event.type);
  const time = stored.occurredAt.toISOString();
  return {
    id: nameBasedId(`${stored.eventId}/${type}`),
    type,
    time,
    appointmentId: event.data.appointmentId,
    payload: fhirAppointment(event.data, status, stored.version, time),
  };
}
