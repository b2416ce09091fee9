import { Actor } from '../shared/auth/actor';
import { WaitlistEntry, WaitlistEntryState } from './domain/waitlist-entry.state';
import { WaitlistEntryNotFound } from './domain/waitlist.errors';

/** The entry a request acts on: it must exist and be the actor's (a patient sees only their own), else it is not found. */
export function assertEntryVisible(actor: Actor, entryId: string, state: WaitlistEntryState): asserts state is WaitlistEntry {
  if (state === null || (actor.role === 'patient' && actor.patientId !== state.patientId)) throw new WaitlistEntryNotFound(entryId);
}
