import { evolveWaitlistEntry } from '../domain/waitlist-entry.evolve';
import { NoOpenOffer, OfferExpired } from '../domain/waitlist.errors';
import { WaitlistEvent, WaitlistJoined, WaitlistOfferDeclined, WaitlistOfferExpired, WaitlistOfferMade } from '../domain/waitlist.events';
import { decideDecline } from './decline-offer';

const entryId = 'e0000000-0000-4000-8000-000000000001';
const facts = { entryId, patientId: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001', appointmentTypeId: 'b1a2c3d4-0e1f-4a2b-9c3d-4e5f6a7b0001', from: '2027-03-22', to: '2027-04-05', doctorId: null };
const offer = {
  holdId: 'c0000000-0000-4000-8000-000000000001',
  doctorId: '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01',
  roomId: '9c8d7e60-2a3b-4c5d-8e6f-7a8b9c0d0001',
  start: '2027-03-23T08:00:00.000Z',
  end: '2027-03-23T08:20:00.000Z',
  expiresAt: '2027-03-20T10:15:00.000Z',
};
const joined = new WaitlistJoined(facts);
const offered = new WaitlistOfferMade({ ...facts, offer });

function given(history: WaitlistEvent[]) {
  const state = history.reduce(evolveWaitlistEntry, null);
  return {
    when: (now: string) => {
      const decide = () => [decideDecline(state, entryId, new Date(now))];
      return {
        then: (expected: WaitlistEvent[]) => expect(decide()).toEqual(expected),
        thenFails: (error: new (...args: never[]) => Error) => expect(decide).toThrow(error),
      };
    },
  };
}

describe('DeclineWaitlistOffer', () => {
  it('gives the offered slot back while the offer is open', () => {
    given([joined, offered]).when('2027-03-20T10:00:00.000Z').then([new WaitlistOfferDeclined({ ...facts, offer })]);
  });

  it('is gone once the offer has run out, and has nothing to decline without an offer', () => {
    given([joined, offered]).when('2027-03-20T10:15:00.000Z').thenFails(OfferExpired);
    given([joined]).when('2027-03-20T10:00:00.000Z').thenFails(NoOpenOffer);
    given([joined, offered, new WaitlistOfferExpired({ ...facts, offer })]).when('2027-03-20T10:00:00.000Z').thenFails(NoOpenOffer);
  });
});
