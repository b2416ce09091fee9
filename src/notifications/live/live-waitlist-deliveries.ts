import { assertNever } from '../../appointments/domain/assert-never';
import { WaitlistEvent } from '../../waitlist/domain/waitlist.events';
import { DeliveredEvent } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { LiveDelivery, LiveWaitlistEntry, LiveWaitlistStatus } from './live-message';

/** Where an entry stands after each of its events (the statuses of GET /waitlist/:id). */
function statusAfter(event: WaitlistEvent): LiveWaitlistStatus {
  switch (event.type) {
    case 'WaitlistJoined':
    case 'WaitlistOfferDeclined':
      return 'waiting';
    case 'WaitlistOfferMade':
      return 'offered';
    case 'WaitlistOfferExpired':
      return 'expired';
    case 'WaitlistEntryBooked':
      return 'booked';
    case 'WaitlistEntryCancelled':
      return 'cancelled';
    default:
      return assertNever(event);
  }
}

/** A waitlist entry as a dashboard shows it, after `event`; `offer` only while one is open. */
export function liveWaitlistEntryAfter(event: WaitlistEvent): LiveWaitlistEntry {
  const { entryId, patientId, appointmentTypeId, from, to, doctorId } = event.data;
  return {
    id: entryId,
    status: statusAfter(event),
    patientId,
    appointmentTypeId,
    from,
    to,
    doctorId,
    offer: event.type === 'WaitlistOfferMade' ? event.data.offer : null,
    appointmentId: event.type === 'WaitlistEntryBooked' ? event.data.appointmentId : null,
  };
}

/**
 * The live messages of waitlist events, `{ position, eventType, waitlist }`: for staff and the
 * entry's patient (a doctor learns of an offer of their time from its hold). Nothing is read:
 * each event carries the whole entry.
 */
export function waitlistDeliveries(recorded: ReadonlyArray<DeliveredEvent<WaitlistEvent>>): LiveDelivery[] {
  return recorded.map(({ event, stored }) => ({
    channel: 'waitlist',
    message: { position: stored.position, eventType: event.type, waitlist: liveWaitlistEntryAfter(event), correlationId: stored.metadata.correlationId },
    transactionId: stored.transactionId,
    doctors: [],
    patientId: event.data.patientId,
  }));
}
