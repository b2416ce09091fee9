import { EventFamily } from '../../event-store/event-family';

/**
 * The facts of a waitlist entry: one `WaitlistEntry` stream per entry (its id is the entry's
 * id). A patient waits for an appointment type in a window of local dates (the clinic's zone,
 * inclusive), optionally with one doctor. When time frees up, the offer process manager offers
 * the first matching entry a slot: a hold in the patient's name for OFFER_TTL_SECONDS. Each
 * event carries the whole entry, so that no handler has to look it up again.
 */

export const WAITLIST_AGGREGATE_TYPE = 'WaitlistEntry';

export interface WaitlistEntryFacts {
  entryId: string;
  patientId: string;
  appointmentTypeId: string;
  /** The window, local dates `YYYY-MM-DD` in the clinic's zone, inclusive. */
  from: string;
  to: string;
  /** Only this doctor's time; null: any doctor. */
  doctorId: string | null;
}

/** A slot offered to an entry: held for the patient until `expiresAt`. */
export interface WaitlistOffer {
  holdId: string;
  doctorId: string;
  roomId: string;
  start: string;
  end: string;
  expiresAt: string;
}

export class WaitlistJoined {
  static readonly type = 'WaitlistJoined';
  static readonly schemaVersion = 1;
  readonly type = 'WaitlistJoined' as const;
  constructor(readonly data: WaitlistEntryFacts) {}
}

export class WaitlistOfferMade {
  static readonly type = 'WaitlistOfferMade';
  static readonly schemaVersion = 1;
  readonly type = 'WaitlistOfferMade' as const;
  constructor(readonly data: WaitlistEntryFacts & { offer: WaitlistOffer }) {}
}

/** The patient said no to the offer; the entry waits again (never offered that slot again). */
export class WaitlistOfferDeclined {
  static readonly type = 'WaitlistOfferDeclined';
  static readonly schemaVersion = 1;
  readonly type = 'WaitlistOfferDeclined' as const;
  constructor(readonly data: WaitlistEntryFacts & { offer: WaitlistOffer }) {}
}

/** The offer's hold expired unanswered; the entry is over (`expired`). */
export class WaitlistOfferExpired {
  static readonly type = 'WaitlistOfferExpired';
  static readonly schemaVersion = 1;
  readonly type = 'WaitlistOfferExpired' as const;
  constructor(readonly data: WaitlistEntryFacts & { offer: WaitlistOffer }) {}
}

/** The offer accepted: its hold converted into the appointment. */
export class WaitlistEntryBooked {
  static readonly type = 'WaitlistEntryBooked';
  static readonly schemaVersion = 1;
  readonly type = 'WaitlistEntryBooked' as const;
  constructor(readonly data: WaitlistEntryFacts & { offer: WaitlistOffer; appointmentId: string }) {}
}

/** Taken off the list (DELETE /waitlist/:id, the patient erased); an open offer's hold is released with it. */
export class WaitlistEntryCancelled {
  static readonly type = 'WaitlistEntryCancelled';
  static readonly schemaVersion = 1;
  readonly type = 'WaitlistEntryCancelled' as const;
  constructor(readonly data: WaitlistEntryFacts) {}
}

export type WaitlistEvent = WaitlistJoined | WaitlistOfferMade | WaitlistOfferDeclined | WaitlistOfferExpired | WaitlistEntryBooked | WaitlistEntryCancelled;
export type WaitlistEventType = WaitlistEvent['type'];

export const WAITLIST_EVENTS = new EventFamily<WaitlistEvent>('waitlist', {
  WaitlistJoined,
  WaitlistOfferMade,
  WaitlistOfferDeclined,
  WaitlistOfferExpired,
  WaitlistEntryBooked,
  WaitlistEntryCancelled,
});
