import { evolveWaitlistEntry } from '../domain/waitlist-entry.evolve';
import { WaitlistEntryClosed, WaitlistEntryNotFound } from '../domain/waitlist.errors';
import { WaitlistEntryBooked, WaitlistEntryCancelled, WaitlistEvent, WaitlistJoined, WaitlistOfferExpired, WaitlistOfferMade } from '../domain/waitlist.events';
import { decideLeave } from './leave-waitlist';

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
  const decide = () => [decideLeave(state, entryId)];
  return {
    then: (expected: WaitlistEvent[]) => expect(decide()).toEqual(expected),
    thenFails: (error: new (...args: never[]) => Error) => expect(decide).toThrow(error),
  };
}

describe('LeaveWaitlist', () => {
  it('takes a waiting or an offered entry off the list', () => {
    given([joined]).then([new WaitlistEntryCancelled(facts)]);
    given([joined, offered]).then([new WaitlistEntryCancelled(facts)]);
  });

  it('refuses an entry that is over, and does not know one that never joined', () => {
    given([joined, offered, new WaitlistEntryBooked({ ...facts, offer, appointmentId: 'a0000000-0000-4000-8000-000000000001' })]).thenFails(WaitlistEntryClosed);
    given([joined, offered, new WaitlistOfferExpired({ ...facts, offer })]).thenFails(WaitlistEntryClosed);
    given([joined, new WaitlistEntryCancelled(facts)]).thenFails(WaitlistEntryClosed);
    given([]).thenFails(WaitlistEntryNotFound);
  });
});
