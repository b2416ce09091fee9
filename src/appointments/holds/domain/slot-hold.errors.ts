import { DomainError } from '../../../shared/domain-error';
import { HoldStatus } from './slot-hold.state';

/*
 * The rules a slot hold can break. An unknown hold (or another patient's) is not found; a hold
 * that has ended is gone for good (410); a booking that names another slot than the one held
 * breaks a rule.
 */

export class HoldNotFound extends DomainError {
  readonly code = 'hold-not-found';
  readonly kind = 'not-found';
  constructor(readonly holdId: string) {
    super(`Slot hold ${holdId} does not exist`);
  }
}

export class HoldAlreadyExists extends DomainError {
  readonly code = 'hold-already-exists';
  readonly kind = 'conflict';
  constructor(readonly holdId: string) {
    super(`Slot hold ${holdId} already exists`);
  }
}

const ENDED: Record<Exclude<HoldStatus, 'held'>, string> = {
  converted: 'was converted into an appointment',
  released: 'was released',
  expired: 'has expired',
};

/** The hold has ended (converted, released or expired, its timer fired or not): its slot is no longer held. */
export class HoldGone extends DomainError {
  readonly code = 'hold-gone';
  readonly kind = 'gone';
  override readonly title = 'Hold gone';
  constructor(holdId: string, status: Exclude<HoldStatus, 'held'>) {
    super(`Slot hold ${holdId} ${ENDED[status]}; take a new hold or book a free slot`);
    this.details.holdStatus = status;
  }
}

/** The hold is a waitlist offer: only the waitlist's own commands (accept, decline, leave) or the clinic's end it. */
export class HoldIsWaitlistOffer extends DomainError {
  readonly code = 'hold-is-waitlist-offer';
  readonly kind = 'conflict';
  override readonly title = 'Hold is a waitlist offer';
  constructor(holdId: string, waitlistEntryId: string) {
    super(`Slot hold ${holdId} is the offer to waitlist entry ${waitlistEntryId}; accept or decline it with POST /waitlist/${waitlistEntryId}/accept or /decline`);
    this.details.waitlistEntryId = waitlistEntryId;
  }
}

/** A field of the booking that differs from the hold it converts. */
export interface HoldDifference {
  field: 'doctorId' | 'roomId' | 'patientId' | 'appointmentTypeId' | 'start' | 'end';
  held: string;
  asked: string;
}

/** The booking does not name the slot the hold holds: a hold converts only into its own slot. */
export class HoldMismatch extends DomainError {
  readonly code = 'hold-mismatch';
  readonly kind = 'rule-broken';
  override readonly title = 'Hold mismatch';
  constructor(holdId: string, differences: HoldDifference[]) {
    super(`The booking does not name the slot hold ${holdId} holds: ${differences.map((d) => `${d.field} is ${d.asked}, the hold's ${d.held}`).join('; ')}`);
    this.details.differences = differences;
  }
}
