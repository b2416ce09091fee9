import { DomainError } from '../../shared/domain-error';

/*
 * The rules a waitlist entry can break. Kinds (see DomainError): an unknown entry (or another
 * patient's) is not-found; a second open entry or an entry with no open offer a conflict; an
 * offer whose time ran out is gone; a window the list does not take a broken rule.
 */

export class WaitlistEntryNotFound extends DomainError {
  readonly code = 'waitlist-entry-not-found';
  readonly kind = 'not-found';
  override readonly title = 'Not found';
  constructor(readonly entryId: string) {
    super(`Waitlist entry ${entryId} does not exist`);
  }
}

/** The window of dates is one the list does not take: inverted, already over, or too long. */
export class WaitlistWindowInvalid extends DomainError {
  readonly code = 'waitlist-window-invalid';
  readonly kind = 'rule-broken';
  override readonly title = 'Waitlist window invalid';
}

/** The patient already waits for this appointment type in an overlapping window. */
export class AlreadyOnWaitlist extends DomainError {
  readonly code = 'already-on-waitlist';
  readonly kind = 'conflict';
  override readonly title = 'Already on the waitlist';
  constructor(patientId: string, appointmentTypeId: string) {
    super(`Patient ${patientId} already waits for appointment type ${appointmentTypeId} in an overlapping window`);
  }
}

/** Accepting or declining needs an open offer; the entry has none (waiting, or over). */
export class NoOpenOffer extends DomainError {
  readonly code = 'no-open-offer';
  readonly kind = 'conflict';
  override readonly title = 'No open offer';
  constructor(entryId: string, status: string) {
    super(`Waitlist entry ${entryId} has no open offer (it is ${status})`);
    this.details.entryStatus = status;
  }
}

/** The offer's time ran out: its hold is released (or about to be) and the slot goes to the next entry. */
export class OfferExpired extends DomainError {
  readonly code = 'offer-expired';
  readonly kind = 'gone';
  override readonly title = 'Offer expired';
  constructor(entryId: string, expiresAt: string) {
    super(`The offer to waitlist entry ${entryId} expired at ${expiresAt}`);
    this.details.expiresAt = expiresAt;
  }
}

/** The entry is off the list already (booked, expired or cancelled): there is nothing to take it off. */
export class WaitlistEntryClosed extends DomainError {
  readonly code = 'waitlist-entry-closed';
  readonly kind = 'conflict';
  override readonly title = 'Waitlist entry closed';
  constructor(entryId: string, status: string) {
    super(`Waitlist entry ${entryId} is ${status} and no longer on the list`);
    this.details.entryStatus = status;
  }
}

