import { WaitlistEntryFacts, WaitlistOffer } from './waitlist.events';

/**
 * Where an entry stands, as its events record it:
 * - `waiting`: on the list, to be offered freed time;
 * - `offered`: a slot is held for the patient (`offer`) until the offer's `expiresAt`;
 * - `booked`: the offer was accepted and is now an appointment;
 * - `expired`: an offer ran out unanswered;
 * - `cancelled`: taken off the list.
 * A waiting entry whose window has passed, and an offered one whose offer's time has run out
 * (before the offer process manager has recorded it), are shown as `expired` (see shownStatus).
 */
export type WaitlistStatus = 'waiting' | 'offered' | 'booked' | 'expired' | 'cancelled';

/** The statuses in which an entry is still on the list: it may be offered, accepted, declined or left. */
export const OPEN_STATUSES = ['waiting', 'offered'] as const satisfies readonly WaitlistStatus[];

export interface WaitlistEntry extends WaitlistEntryFacts {
  status: WaitlistStatus;
  /** The open offer (only while `offered`). */
  offer: WaitlistOffer | null;
  /** Every slot ever offered to this entry (see slotKey): none of them is offered to it again. */
  offeredSlots: string[];
  /** The appointment the accepted offer became (only once `booked`). */
  appointmentId: string | null;
}

/** An entry's state: null before WaitlistJoined. */
export type WaitlistEntryState = WaitlistEntry | null;

/** A slot as the offers remember it: its doctor and start (the room and the end follow from them). */
export function slotKey(slot: { doctorId: string; start: string }): string {
  return `${slot.doctorId}@${new Date(slot.start).toISOString()}`;
}

/** When an entry is read: the clinic's local date (`YYYY-MM-DD`) and the instant. */
export interface ReadingTime {
  today: string;
  now: Date;
}

/**
 * The status a reader sees at `at`: a waiting entry whose window has passed is over, and so is
 * an offer from its `expiresAt` on (it can no longer be accepted; its hold's timer records the
 * expiry soon after).
 */
export function shownStatus(entry: Pick<WaitlistEntry, 'status' | 'to' | 'offer'>, at: ReadingTime): WaitlistStatus {
  if (entry.status === 'waiting' && entry.to < at.today) return 'expired';
  if (entry.status === 'offered' && entry.offer !== null && Date.parse(entry.offer.expiresAt) <= at.now.getTime()) return 'expired';
  return entry.status;
}
