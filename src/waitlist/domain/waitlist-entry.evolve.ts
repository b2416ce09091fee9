import { assertNever } from '../../appointments/domain/assert-never';
import { WaitlistEntryState, slotKey } from './waitlist-entry.state';
import { WaitlistEvent } from './waitlist.events';

/** Folds one event of an entry's stream; events are facts, so nothing here refuses one. */
export function evolveWaitlistEntry(state: WaitlistEntryState, event: WaitlistEvent): WaitlistEntryState {
  if (event.type === 'WaitlistJoined') {
    const { entryId, patientId, appointmentTypeId, from, to, doctorId } = event.data;
    return { entryId, patientId, appointmentTypeId, from, to, doctorId, status: 'waiting', offer: null, offeredSlots: [], appointmentId: null };
  }
  if (state === null) return state;
  switch (event.type) {
    case 'WaitlistOfferMade':
      return { ...state, status: 'offered', offer: event.data.offer, offeredSlots: [...state.offeredSlots, slotKey(event.data.offer)] };
    case 'WaitlistOfferDeclined':
      return { ...state, status: 'waiting', offer: null };
    case 'WaitlistOfferExpired':
      return { ...state, status: 'expired', offer: null };
    case 'WaitlistEntryBooked':
      return { ...state, status: 'booked', offer: null, appointmentId: event.data.appointmentId };
    case 'WaitlistEntryCancelled':
      return { ...state, status: 'cancelled', offer: null };
    default:
      return assertNever(event);
  }
}
