import { WaitlistEntryState, slotKey } from '../domain/waitlist-entry.state';
import { WaitlistOffer, WaitlistOfferExpired, WaitlistOfferMade } from '../domain/waitlist.events';

/**
 * An offer made to an entry: only to one that waits, and never a slot offered to it before.
 * Null when the entry takes no offer (it moved on meanwhile): the slot goes to the next entry.
 */
export function decideOffer(state: WaitlistEntryState, offer: WaitlistOffer): WaitlistOfferMade | null {
  if (state === null || state.status !== 'waiting' || state.offeredSlots.includes(slotKey(offer))) return null;
  const { entryId, patientId, appointmentTypeId, from, to, doctorId } = state;
  return new WaitlistOfferMade({ entryId, patientId, appointmentTypeId, from, to, doctorId, offer });
}

/**
 * The hold of an offer expired unanswered: the entry's offer expires with it. Null when the entry
 * has moved on from that offer (accepted, declined or cancelled in the meantime): nothing to record.
 */
export function decideOfferExpired(state: WaitlistEntryState, holdId: string): WaitlistOfferExpired | null {
  if (state === null || state.status !== 'offered' || state.offer?.holdId !== holdId) return null;
  const { entryId, patientId, appointmentTypeId, from, to, doctorId, offer } = state;
  return new WaitlistOfferExpired({ entryId, patientId, appointmentTypeId, from, to, doctorId, offer });
}
