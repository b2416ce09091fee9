import { WaitlistEntryState } from '../domain/waitlist-entry.state';
import { NoOpenOffer, OfferExpired, WaitlistEntryNotFound } from '../domain/waitlist.errors';
import { WaitlistEntryBooked, WaitlistEntryCancelled, WaitlistOfferDeclined } from '../domain/waitlist.events';
import { entryId, facts, given, joined, offer, offered } from '../../../test/support/waitlist-decisions';
import { decideAccept } from './accept-offer';

const appointmentId = 'a0000000-0000-4000-8000-000000000001';
const accepting = (now: string) => (state: WaitlistEntryState) => decideAccept(state, entryId, appointmentId, new Date(now));

describe('AcceptWaitlistOffer', () => {
  it('books the offered slot while the offer is open', () => {
    given([joined, offered]).when(accepting('2027-03-20T10:14:59.999Z')).then([new WaitlistEntryBooked({ ...facts, offer, appointmentId })]);
  });

  it('is gone once the offer has run out, even before its hold is released', () => {
    given([joined, offered]).when(accepting('2027-03-20T10:15:00.000Z')).thenFails(OfferExpired);
  });

  it('has nothing to accept while waiting, after a decline, or once over', () => {
    given([joined]).when(accepting('2027-03-20T10:00:00.000Z')).thenFails(NoOpenOffer);
    given([joined, offered, new WaitlistOfferDeclined({ ...facts, offer })]).when(accepting('2027-03-20T10:00:00.000Z')).thenFails(NoOpenOffer);
    given([joined, offered, new WaitlistEntryBooked({ ...facts, offer, appointmentId })]).when(accepting('2027-03-20T10:00:00.000Z')).thenFails(NoOpenOffer);
    given([joined, offered, new WaitlistEntryCancelled(facts)]).when(accepting('2027-03-20T10:00:00.000Z')).thenFails(NoOpenOffer);
  });

  it('does not know an entry that never joined', () => {
    given([]).when(accepting('2027-03-20T10:00:00.000Z')).thenFails(WaitlistEntryNotFound);
  });
});
