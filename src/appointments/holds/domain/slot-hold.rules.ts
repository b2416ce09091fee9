import { AppointmentTypeTerms, slotInWorkingHours } from '../../domain/appointment-rules';
import { HoldConverted, HoldExpired, HoldFacts, HoldReleased, SlotHeld } from '../../domain/hold.events';
import { DoctorHours } from '../../domain/working-hours';
import { HoldAlreadyExists, HoldDifference, HoldGone, HoldIsWaitlistOffer, HoldMismatch, HoldNotFound } from './slot-hold.errors';
import { SlotHold, SlotHoldState } from './slot-hold.state';

/** What placing a hold decides on: the slot asked for, the doctor's hours, the type's terms and how long it holds. */
export interface HoldTerms {
  holdId: string;
  patientId: string;
  roomId: string;
  start: Date;
  /** Defaults to start + the appointment type's duration, as for a booking. */
  end?: Date;
  doctor: DoctorHours;
  appointmentType: AppointmentTypeTerms;
  ttlSeconds: number;
  waitlistEntryId: string | null;
}

/** The slot a booking names, to be compared with the hold it converts (its end already defaulted). */
export interface SlotAsked {
  doctorId: string;
  roomId: string;
  patientId: string;
  appointmentTypeId: string;
  start: Date;
  end: Date;
}

/**
 * A hold takes a slot by the rules of a booking (end after start, not in the past, inside the
 * doctor's working hours) until `now + ttlSeconds`. Whether the slot is free is not decided
 * here: PostgreSQL's exclusion constraints on the reservations decide it, as for a booking.
 */
export function decidePlacing(terms: HoldTerms, state: SlotHoldState, now: Date): [SlotHeld] {
  if (state !== null) throw new HoldAlreadyExists(terms.holdId);
  const slot = slotInWorkingHours(terms, terms.appointmentType, terms.doctor, now);
  return [
    new SlotHeld({
      holdId: terms.holdId,
      doctorId: terms.doctor.id,
      roomId: terms.roomId,
      patientId: terms.patientId,
      appointmentTypeId: terms.appointmentType.id,
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      bufferBeforeMinutes: terms.appointmentType.bufferBeforeMinutes,
      bufferAfterMinutes: terms.appointmentType.bufferAfterMinutes,
      expiresAt: new Date(now.getTime() + terms.ttlSeconds * 1000).toISOString(),
      waitlistEntryId: terms.waitlistEntryId,
    }),
  ];
}

/**
 * The hold still holds its slot: it exists, has not ended, and its time has not run out. From
 * `expiresAt` on it is expired even before its timer has fired (the timer only gives the slot
 * back).
 */
export function assertStillHeld(state: SlotHoldState, holdId: string, now: Date): SlotHold {
  if (state === null) throw new HoldNotFound(holdId);
  if (state.status !== 'held') throw new HoldGone(holdId, state.status);
  if (now.getTime() >= Date.parse(state.expiresAt)) throw new HoldGone(holdId, 'expired');
  return state;
}

/** The facts every later event of the hold repeats. */
export function holdFactsOf(hold: SlotHold): HoldFacts {
  const { status: _status, appointmentId: _appointmentId, ...facts } = hold;
  return facts;
}

/** Giving a hold back before its time frees its slot. */
export function decideRelease(state: SlotHoldState, holdId: string, now: Date): [HoldReleased] {
  return [new HoldReleased(holdFactsOf(assertStillHeld(state, holdId, now)))];
}

/**
 * A waitlist offer's hold is the waitlist's to end (accepted, declined, or its entry leaving the
 * list) or the clinic's (a block in its way, a patient's erasure: the offer process manager then
 * closes the entry's offer), never its holder's through the holds API, so that an entry never
 * keeps an offer whose hold is gone. A hold that has ended or run out is left to the command's
 * own rules (gone). The entry a hold is an offer to is fixed when it is placed, so the check
 * holds whenever it is made.
 */
export function assertNotWaitlistOffer(state: SlotHoldState, now: Date): void {
  if (state === null || state.status !== 'held' || now.getTime() >= Date.parse(state.expiresAt) || state.waitlistEntryId === null) return;
  throw new HoldIsWaitlistOffer(state.holdId, state.waitlistEntryId);
}

/** The fields of the slot asked for that differ from the hold's. */
function differencesOf(hold: SlotHold, asked: SlotAsked): HoldDifference[] {
  const pairs: Array<[HoldDifference['field'], string, string]> = [
    ['doctorId', hold.doctorId, asked.doctorId],
    ['roomId', hold.roomId, asked.roomId],
    ['patientId', hold.patientId, asked.patientId],
    ['appointmentTypeId', hold.appointmentTypeId, asked.appointmentTypeId],
    ['start', hold.start, asked.start.toISOString()],
    ['end', hold.end, asked.end.toISOString()],
  ];
  return pairs.filter(([, held, wanted]) => held !== wanted).map(([field, held, wanted]) => ({ field, held, asked: wanted }));
}

/**
 * Converting a hold into the appointment booked in its slot: the hold must still hold it, and
 * the booking must name exactly that slot (doctor, room, patient, type, start and end).
 */
export function decideConversion(state: SlotHoldState, holdId: string, asked: SlotAsked, appointmentId: string, now: Date): [HoldConverted] {
  const hold = assertStillHeld(state, holdId, now);
  const differences = differencesOf(hold, asked);
  if (differences.length > 0) throw new HoldMismatch(holdId, differences);
  return [new HoldConverted({ ...holdFactsOf(hold), appointmentId })];
}

/**
 * The timer's decision at `now`: a hold still held whose time has run out expires; one that has
 * ended, or is not due yet, has nothing to expire.
 */
export function decideExpiry(state: SlotHoldState, now: Date): HoldExpired[] {
  if (state === null || state.status !== 'held' || now.getTime() < Date.parse(state.expiresAt)) return [];
  return [new HoldExpired(holdFactsOf(state))];
}
