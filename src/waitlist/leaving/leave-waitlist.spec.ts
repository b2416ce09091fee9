import { WaitlistEntryState } from '../domain/waitlist-entry.state';
import { WaitlistEntryClosed, WaitlistEntryNotFound } from '../domain/waitlist.errors';
import { WaitlistEntryBooked, WaitlistEntryCancelled, WaitlistOfferExpired } from '../domain/waitlist.events';
import { entryId, facts, given, joined, offer, offered } from '../../../test/support/waitlist-decisions';
import { decideLeave } from './leave-waitlist';

const leaving = (state: WaitlistEntryState) => decideLeave(state, entryId);

describe('LeaveWaitlist', () => {
  it('takes a waiting or an offered entry off the list', () => {
    given([joined]).when(leaving).then([new WaitlistEntryCancelled(facts)]);
    given([joined, offered]).when(leaving).then([new WaitlistEntryCancelled(facts)]);
  });

  it('refuses an entry that is over, and does not know one that never joined', () => {
    given([joined, offered, new WaitlistEntryBooked({ ...facts, offer, appointmentId: 'a0000000-0000-4000-8000-000000000001' })]).when(leaving).thenFails(WaitlistEntryClosed);
    given([joined, offered, new WaitlistOfferExpired({ ...facts, offer })]).when(leaving).thenFails(WaitlistEntryClosed);
    given([joined, new WaitlistEntryCancelled(facts)]).when(leaving).thenFails(WaitlistEntryClosed);
    given([]).when(leaving).thenFails(WaitlistEntryNotFound);
  });
});
