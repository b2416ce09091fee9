import { StoredEvent } from '../../event-store/stored-event';
import { APPOINTMENT_EVENT_CLASSES, AppointmentEvent, appointmentEventFrom, isAppointmentEventType } from '../domain/appointment.events';
import { appointmentUpcasters } from './appointment.upcasters';

/** A stored appointment event as a typed event of the current schema (older versions upcast). */
export function decodeAppointmentEvent(stored: StoredEvent): AppointmentEvent {
  if (!isAppointmentEventType(stored.type)) throw new Error(`Unknown appointment event type ${stored.type} at position ${stored.position}`);
  const current = APPOINTMENT_EVENT_CLASSES[stored.type].schemaVersion;
  return appointmentEventFrom(stored.type, appointmentUpcasters.upcast(stored.type, stored.schemaVersion, stored.data, current));
}
