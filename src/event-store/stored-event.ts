import { RecordedActor } from '../shared/auth/actor';

/** Who caused an event and the chain of messages it belongs to. */
export interface EventMetadata {
  /** Shared by everything that follows from one original request. */
  correlationId: string;
  /** The id of the command (or event) that directly caused this event. */
  causationId: string;
  actor: RecordedActor;
  requestId: string | null;
}

/** An event about to be appended; `eventId` makes a retried append a no-op. */
export interface NewEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
}

/** An event as read back from the store. */
export interface StoredEvent {
  position: number;
  transactionId: string;
  eventId: string;
  aggregateId: string;
  aggregateType: string;
  /** 1 for the first event of a stream, then contiguous. */
  version: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  occurredAt: Date;
}

/** Where an event sits in the log and what it is, without its data. */
export type EventHeader = Pick<StoredEvent, 'position' | 'transactionId' | 'eventId' | 'type'>;

/** A place in the log in commit order: the writing transaction, then the position within it. */
export interface CommitPoint {
  transactionId: string;
  position: number;
}

export const LOG_START: CommitPoint = { transactionId: '0', position: 0 };

export interface AppendResult {
  /** Stream version after the append. */
  version: number;
  /** Global position of the last appended event. */
  lastPosition: number;
  events: StoredEvent[];
}

export class WrongExpectedVersion extends Error {
  constructor(
    readonly aggregateId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(
      `Stream ${aggregateId} was expected at version ${expectedVersion}` +
        (actualVersion === null ? ' but another writer appended concurrently' : ` but is at version ${actualVersion}`),
    );
    this.name = 'WrongExpectedVersion';
  }
}
