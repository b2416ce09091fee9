import { sampleAppointmentId, sampleOffer, sampleWaitlistEntry, storedWaitlistEvent } from '../../../test/support/booking-flow-events';
import { Actor } from '../../shared/auth/actor';
import {
  WaitlistEntryBooked,
  WaitlistEntryCancelled,
  WaitlistEvent,
  WaitlistJoined,
  WaitlistOfferDeclined,
  WaitlistOfferExpired,
  WaitlistOfferMade,
} from '../../waitlist/domain/waitlist.events';
import { mayReceive } from './live-message';
import { waitlistDeliveries } from './live-waitlist-deliveries';

const entry = sampleWaitlistEntry;
const offer = sampleOffer;
const appointmentId = sampleAppointmentId;

function delivered(event: WaitlistEvent, position: number) {
  const stored = storedWaitlistEvent(event, {
    position,
    transactionId: String(2000 + position),
    version: 1,
    eventId: `c0ffee00-0000-4000-8000-0000000000${position}`,
    correlationId: `corr-${position}`,
  });
  return { event, stored };
}

describe('Live waitlist messages', () => {
  describe('given a patient joins the waitlist', () => {
    it('when delivered, then it is a `waitlist` message with the entry waiting and no offer', () => {
      const [delivery] = waitlistDeliveries([delivered(new WaitlistJoined(entry), 51)]);

      expect(delivery).toEqual({
        channel: 'waitlist',
        message: {
          position: 51,
          eventType: 'WaitlistJoined',
          waitlist: { id: entry.entryId, status: 'waiting', patientId: entry.patientId, appointmentTypeId: entry.appointmentTypeId, from: '2027-03-01', to: '2027-03-31', doctorId: null, offer: null, appointmentId: null },
          correlationId: 'corr-51',
        },
        transactionId: '2051',
        doctors: [],
        patientId: entry.patientId,
      });
    });

    it('when delivered, then staff and the entry\'s patient receive it; doctors and other patients do not', () => {
      const [delivery] = waitlistDeliveries([delivered(new WaitlistJoined(entry), 51)]);
      const actors: Actor[] = [
        { userId: 'desk', role: 'staff' },
        { userId: 'd', role: 'doctor', doctorId: offer.doctorId },
        { userId: 'p', role: 'patient', patientId: entry.patientId },
        { userId: 'p2', role: 'patient', patientId: '1a2b3c4d-0000-4000-8000-0000000000fe' },
      ];

      expect(actors.map((actor) => mayReceive(actor, delivery))).toEqual([true, false, true, false]);
    });
  });

  describe('given the entry goes through its offers', () => {
    it('when offered, declined, expired, booked or cancelled, then each message has its status, the offer only while it is open', () => {
      const deliveries = waitlistDeliveries([
        delivered(new WaitlistOfferMade({ ...entry, offer }), 52),
        delivered(new WaitlistOfferDeclined({ ...entry, offer }), 53),
        delivered(new WaitlistOfferExpired({ ...entry, offer }), 54),
        delivered(new WaitlistEntryBooked({ ...entry, offer, appointmentId }), 55),
        delivered(new WaitlistEntryCancelled(entry), 56),
      ]);

      expect(deliveries.map(({ message }) => ('waitlist' in message ? { eventType: message.eventType, ...message.waitlist } : null))).toEqual([
        expect.objectContaining({ eventType: 'WaitlistOfferMade', status: 'offered', offer, appointmentId: null }),
        expect.objectContaining({ eventType: 'WaitlistOfferDeclined', status: 'waiting', offer: null }),
        expect.objectContaining({ eventType: 'WaitlistOfferExpired', status: 'expired', offer: null }),
        expect.objectContaining({ eventType: 'WaitlistEntryBooked', status: 'booked', offer: null, appointmentId }),
        expect.objectContaining({ eventType: 'WaitlistEntryCancelled', status: 'cancelled', offer: null }),
      ]);
    });
  });
});
