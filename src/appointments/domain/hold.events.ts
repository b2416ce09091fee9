import { EventFamily } from '../../event-store/event-family';

/**
 * The facts of a slot hold: one `SlotHold` stream per hold (its id is the hold's id). A hold
 * takes a slot of a doctor, a room and a patient for a short time (HOLD_TTL_SECONDS, or
 * OFFER_TTL_SECONDS for a waitlist offer) while the patient finishes booking; it occupies the
 * slot in the reservations table like an appointment. It ends exactly once: converted into an
 * appointment, released, or expired by its durable timer. Each event carries the whole hold, so
 * that no handler has to look it up again. Times are ISO 8601 instants in UTC.
 */

export const HOLD_AGGREGATE_TYPE = 'SlotHold';

/** A hold as it stands: what it occupies, whose it is and until when. */
export interface HoldFacts {
  holdId: string;
  doctorId: string;
  roomId: string;
  patientId: string;
  appointmentTypeId: string;
  start: string;
  end: string;
  /** The appointment type's buffers, which the hold occupies as the appointment would. */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** When the hold's timer releases it (HoldExpired), unless it is converted or released first. */
  expiresAt: string;
  /** The waitlist entry this hold is an offer to; null for a hold a client took. */
  waitlistEntryId: string | null;
}

export class SlotHeld {
  static readonly type = 'SlotHeld';
  static readonly schemaVersion = 1;
  readonly type = 'SlotHeld' as const;
  constructor(readonly data: HoldFacts) {}
}

/** Converted into an appointment (POST /appointments with holdId, or a waitlist offer accepted), in the transaction that created it. */
export class HoldConverted {
  static readonly type = 'HoldConverted';
  static readonly schemaVersion = 1;
  readonly type = 'HoldConverted' as const;
  constructor(readonly data: HoldFacts & { appointmentId: string }) {}
}

/** Given back before its time (DELETE /holds/:id, a waitlist offer declined, the patient erased). */
export class HoldReleased {
  static readonly type = 'HoldReleased';
  static readonly schemaVersion = 1;
  readonly type = 'HoldReleased' as const;
  constructor(readonly data: HoldFacts) {}
}

/** Released by its timer at `expiresAt`. */
export class HoldExpired {
  static readonly type = 'HoldExpired';
  static readonly schemaVersion = 1;
  readonly type = 'HoldExpired' as const;
  constructor(readonly data: HoldFacts) {}
}

export type HoldEvent = SlotHeld | HoldConverted | HoldReleased | HoldExpired;
export type HoldEventType = HoldEvent['type'];

export const HOLD_EVENTS = new EventFamily<HoldEvent>('slot hold', { SlotHeld, HoldConverted, HoldReleased, HoldExpired });
