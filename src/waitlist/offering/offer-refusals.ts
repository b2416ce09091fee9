import { ConcurrentChange } from '../../event-store/command-errors';
import { ResourceTaken } from '../../reservations/reservations';
import { DomainError, ErrorKind } from '../../shared/domain-error';

/** A decision that leaves the entry as it is (it moved on meanwhile): nothing to append, nothing rolled back but the attempt. */
export class EntryUnchanged extends Error {}

/** The kinds of domain error that refuse what the process asked for, for good. */
const REFUSAL_KINDS: readonly ErrorKind[] = ['conflict', 'rule-broken', 'gone', 'not-found'];

/**
 * Whether a failure is the domain refusing what the offer process manager asked for: the slot
 * or the patient taken after all (ResourceTaken, as a placement inside the process's transaction
 * reports it, or SlotTaken), a record retired or unknown, a hold rule, an entry that moved on.
 * The process passes over such a refusal. Anything else (a race lost, a lock busy, the database
 * unavailable, a statement timed out, a bug) fails the delivery, so that the subscription's
 * retries and, at last, its dead-letter table apply: freed time is never dropped silently.
 */
export function isRefusal(error: unknown): boolean {
  if (error instanceof EntryUnchanged || error instanceof ResourceTaken) return true;
  return error instanceof DomainError && REFUSAL_KINDS.includes(error.kind) && !(error instanceof ConcurrentChange);
}
