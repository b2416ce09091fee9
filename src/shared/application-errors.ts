import { DomainError } from './domain-error';

/** A request names a record (by id) that does not exist: the request is wrong, not the URL. */
export class UnknownReference extends DomainError {
  readonly code = 'unknown-reference';
  readonly kind = 'rule-broken';
  override readonly title = 'Unknown reference';
  constructor(what: string, id: string) {
    super(`${what} ${id} does not exist`);
  }
}

/** The caller's role or identity does not allow this request. */
export class NotAllowed extends DomainError {
  readonly code = 'forbidden';
  readonly kind = 'forbidden';
  override readonly title = 'Not allowed';
}

/** The record a request names in its URL does not exist (or is not the caller's to see). */
export class RecordNotFound extends DomainError {
  readonly code = 'not-found';
  readonly kind = 'not-found';
  constructor(what: string, id: string) {
    super(`${what} ${id} does not exist`);
  }
}

/**
 * A request names a retired record (`active: false`) for something new: a booking, or a
 * reassignment to a retired doctor or room. Retired records take nothing new; what they already
 * have (existing appointments) stays as it is.
 */
export class RecordRetired extends DomainError {
  readonly code = 'record-retired';
  readonly kind = 'rule-broken';
  override readonly title = 'Record retired';
  constructor(what: 'Doctor' | 'Patient' | 'Room' | 'Appointment type', id: string) {
    super(`${what} ${id} is retired and takes no new appointments`);
    this.details.retired = { kind: what.toLowerCase().replace(' ', '-'), id };
  }
}
