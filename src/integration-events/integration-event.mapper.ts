import { AppointmentEvent, AppointmentEventType } from '../appointments/domain/appointment.events';
import { statusAfter } from '../appointments/domain/appointment.evolve';
import { AppointmentStatus } from '../appointments/domain/appointment.state';
import { HOLD_EVENTS, HoldEvent } from '../appointments/domain/hold.events';
import { StoredEvent } from '../event-store/stored-event';
import { isScheduleEventType, ScheduleEvent } from '../schedules/domain/schedule.events';
import { WAITLIST_EVENTS, WaitlistEvent } from '../waitlist/domain/waitlist.events';
import { fhirAppointment } from './fhir-appointment';
import { AppointmentIntegrationEvent, AppointmentIntegrationEventType, IntegrationEvent } from './integration-event';
import { integrationEventId } from './integration-event-id';
import { toScheduleIntegrationEvent } from './schedule-integration-event.mapper';
import { toSlotIntegrationEvent } from './slot-integration-event.mapper';
import { toWaitlistIntegrationEvent } from './waitlist-integration-event.mapper';

/** Which public event each internal event becomes. */
const PUBLISHED_AS: Record<AppointmentEventType, AppointmentIntegrationEventType> = {
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

/**
 * Translates an internal appointment event into its public counterpart. Only the appointment
 * facts every internal event carries are used, never free text: the public shape depends on
 * this function alone, so internal events can change (with an upcaster) without other services
 * noticing.
 */
export function toAppointmentIntegrationEvent(event: AppointmentEvent, stored: StoredEvent): AppointmentIntegrationEvent {
  const type = PUBLISHED_AS[event.type];
  const status = publishedStatus(event.type);
  const time = stored.occurredAt.toISOString();
  return {
    id: integrationEventId(stored.eventId, type),
    type,
    time,
    appointmentId: event.data.appointmentId,
    payload: fhirAppointment(event.data, status, stored.version, time),
  };
}

/** Every internal event that has a public counterpart. */
export type PublishedInternalEvent = AppointmentEvent | ScheduleEvent | HoldEvent | WaitlistEvent;

/** The public counterpart of any internal event: an appointment's, a schedule's, a hold's or a waitlist entry's. */
export function toIntegrationEvent(event: PublishedInternalEvent, stored: StoredEvent): IntegrationEvent {
  if (isScheduleEventType(event.type)) return toScheduleIntegrationEvent(event as ScheduleEvent, stored);
  if (HOLD_EVENTS.has(event.type)) return toSlotIntegrationEvent(event as HoldEvent, stored);
  if (WAITLIST_EVENTS.has(event.type)) return toWaitlistIntegrationEvent(event as WaitlistEvent, stored);
  return toAppointmentIntegrationEvent(event as AppointmentEvent, stored);
}
