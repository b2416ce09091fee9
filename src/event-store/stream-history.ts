import { RecordedActor } from '../shared/auth/actor';
import { StoredEvent } from './stored-event';

/**
 * One recorded change of a stream, ready for a screen: who did what, when, and why. The same
 * shape for every history the API shows (an appointment's, a doctor's schedule's).
 */
export interface HistoryEntry {
  position: number;
  version: number;
  eventType: string;
  occurredAt: string;
  /** Who made the change; without `name` for a patient, a token without one, or a change recorded before names were. */
  actor: RecordedActor;
  correlationId: string;
  /** The fields the event changed, e.g. `{ start: { from, to } }`. */
  changes: Record<string, { from: unknown; to: unknown }>;
  /** The free text that came with the change: a reassignment's comment, a cancellation's reason. */
  note?: string;
}

/** The fields whose shown value differs between two views of a stream's state (a missing field is null). */
export function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): HistoryEntry['changes'] {
  const changes: HistoryEntry['changes'] = {};
  for (const [field, to] of Object.entries(after)) {
    const from = before[field] ?? null;
    if (from !== to && !(from === null && to === null)) changes[field] = { from, to };
  }
  return changes;
}

/** The history entry of a stored event: its place, type, time and actor, with what it changed and its note. */
export function historyEntryOf(stored: StoredEvent, changes: HistoryEntry['changes'], note?: string): HistoryEntry {
  return {
    position: stored.position,
    version: stored.version,
    eventType: stored.type,
    occurredAt: stored.occurredAt.toISOString(),
    actor: stored.metadata.actor,
    correlationId: stored.metadata.correlationId,
    changes,
    ...(note === undefined ? {} : { note }),
  };
}
