import { StoredEvent } from '../event-store/stored-event';
import { WaitlistEvent } from '../waitlist/domain/waitlist.events';
import { fhirWaitlistAppointment } from './fhir-waitlist-appointment';
import { WaitlistIntegrationEvent } from './integration-event';
import { integrationEventId } from './integration-event-id';

/**
 * Translates a waitlist event into its public counterpart: the entry as a FHIR Appointment
 * `waitlist` (its window as `requestedPeriod`, an open offer as its time and Slot), `booked`
 * once an offer is accepted, `cancelled` once it is over without one. `meta.versionId` is the
 * entry's stream version. Only references and times are published, never free text.
 */
export function toWaitlistIntegrationEvent(event: WaitlistEvent, stored: StoredEvent): WaitlistIntegrationEvent {
  const time = stored.occurredAt.toISOString();
  const waitlistEntryId = event.data.entryId;
  const appointment = (status: 'waitlist' | 'booked' | 'cancelled', withOffer: boolean) =>
    fhirWaitlistAppointment(event.data, status, withOffer && 'offer' in event.data ? event.data.offer : null, stored.version, time);
  switch (event.type) {
    case 'WaitlistJoined':
      return { id: integrationEventId(stored.eventId, 'waitlist.joined.v1'), type: 'waitlist.joined.v1', time, waitlistEntryId, payload: appointment('waitlist', false) };
    case 'WaitlistOfferMade': {
      const { holdId, expiresAt } = event.data.offer;
      return { id: integrationEventId(stored.eventId, 'waitlist.offered.v1'), type: 'waitlist.offered.v1', time, waitlistEntryId, holdId, expiresAt, payload: appointment('waitlist', true) };
    }
    case 'WaitlistOfferDeclined':
      return { id: integrationEventId(stored.eventId, 'waitlist.offer-declined.v1'), type: 'waitlist.offer-declined.v1', time, waitlistEntryId, holdId: event.data.offer.holdId, payload: appointment('waitlist', false) };
    case 'WaitlistOfferExpired':
      return { id: integrationEventId(stored.eventId, 'waitlist.offer-expired.v1'), type: 'waitlist.offer-expired.v1', time, waitlistEntryId, holdId: event.data.offer.holdId, payload: appointment('cancelled', false) };
    case 'WaitlistEntryBooked': {
      const { offer, appointmentId } = event.data;
      return { id: integrationEventId(stored.eventId, 'waitlist.booked.v1'), type: 'waitlist.booked.v1', time, waitlistEntryId, holdId: offer.holdId, appointmentId, payload: appointment('booked', true) };
    }
    case 'WaitlistEntryCancelled':
      return { id: integrationEventId(stored.eventId, 'waitlist.cancelled.v1'), type: 'waitlist.cancelled.v1', time, waitlistEntryId, payload: appointment('cancelled', false) };
    default: {
      const unknown: never = event;
      throw new Error(`No public event for ${(unknown as { type: string }).type}`);
    }
  }
}
