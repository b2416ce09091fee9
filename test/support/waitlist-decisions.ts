import { evolveWaitlistEntry } from '../../src/waitlist/domain/waitlist-entry.evolve';
import { WaitlistEntryState } from '../../src/waitlist/domain/waitlist-entry.state';
import { WaitlistEntryFacts, WaitlistEvent, WaitlistJoined, WaitlistOffer, WaitlistOfferMade } from '../../src/waitlist/domain/waitlist.events';

/** One waitlist entry and the offer made to it, for the waitlist's given/when/then specs. */
export const entryId = 'e0000000-0000-4000-8000-000000000001';
export const facts: WaitlistEntryFacts = {
  entryId,
  patientId: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001',
  appointmentTypeId: 'b1a2c3d4-0e1f-4a2b-9c3d-4e5f6a7b0001',
  from: '2027-03-22',
  to: '2027-04-05',
  doctorId: null,
};
/** A slot offered on Tuesday 2027-03-23 at 09:00 Berlin, open until 2027-03-20T10:15Z. */
export const offer: WaitlistOffer = {
  holdId: 'c0000000-0000-4000-8000-000000000001',
  doctorId: '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01',
  roomId: '9c8d7e60-2a3b-4c5d-8e6f-7a8b9c0d0001',
  start: '2027-03-23T08:00:00.000Z',
  end: '2027-03-23T08:20:00.000Z',
  expiresAt: '2027-03-20T10:15:00.000Z',
};
export const joined = new WaitlistJoined(facts);
export const offered = new WaitlistOfferMade({ ...facts, offer });

/** The state an entry's events fold to. */
export const fold = (history: WaitlistEvent[]): WaitlistEntryState => history.reduce(evolveWaitlistEntry, null);

/** given(history).when(decision).then(events) or .thenFails(error): a command's decision on the state the history folds to. */
export function given(history: WaitlistEvent[]) {
  const state = fold(history);
  return {
    when: (decide: (state: WaitlistEntryState) => WaitlistEvent) => {
      const decided = () => [decide(state)];
      return {
        then: (expected: WaitlistEvent[]) => expect(decided()).toEqual(expected),
        thenFails: (error: new (...args: never[]) => Error) => expect(decided).toThrow(error),
      };
    },
  };
}
