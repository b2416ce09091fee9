import { WaitlistEntryState } from '../domain/waitlist-entry.state';
import { NoOpenOffer, OfferExpired } from '../domain/waitlist.errors';
import { WaitlistOfferDeclined, WaitlistOfferExpired } from '../domain/waitlist.events';
import { entryId, facts, given, joined, offer, offered } from '../../../test/support/waitlist-decisions';
import { decideDecline } from './decline-offer';

const declining = (now: string) => (state: WaitlistEntryState) => decideDecline(state, entryId, new Date(now));

describe('DeclineWaitlistOffer', () => {
  it('gives the offered slot back while the offer is open', () => {
    given([joined, offered]).when(declining('2027-03-20T10:00:00.000Z')).then([new WaitlistOfferDeclined({ ...facts, offer })]);
  });

  it('is gone once the offer has run out, and has nothing to decline without an offer', () => {
    given([joined, offered]).when(declining('2027-03-20T10:15:00.000Z')).thenFails(OfferExpired);
    given([joined]).when(declining('2027-03-20T10:00:00.000Z')).thenFails(NoOpenOffer);
    given([joined, offered, new WaitlistOfferExpired({ ...facts, offer })]).when(declining('2027-03-20T10:00:00.000Z')).thenFails(NoOpenOffer);
  });
});
