import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PG_ERROR } from '../shared/postgres-error-codes';
import { ConcurrentChange, StaleVersion, StreamOfAnotherKind, StreamsBusy } from './command-errors';
import { EventStore } from './event-store';
import { SnapshotStore } from './snapshot-store';
import { AppendResult, EventMetadata, StoredEvent, WrongExpectedVersion } from './stored-event';

/**
 * How the events of one kind of stream are folded into its state, written and read back: what
 * the generic command handling needs to know of an aggregate, and nothing of its rules.
 */
export interface StreamType<State, Event> {
  aggregateType: string;
  /** The state of a stream without events. */
  initialState: State;
  /** Applies one event; events are facts, so evolve never refuses one. */
  evolve(state: State, event: Event): State;
  /** The event to append: its persisted type name, schema version and data. */
  encode(event: Event): { type: string; schemaVersion: number; data: unknown };
  /** A stored event in the current schema (older versions upcast). */
  decode(stored: StoredEvent): Event;
  /** A snapshot of the state every `every` events, tagged with the state's schema version. */
  snapshots?: { every: number; schemaVersion: number };
}

/** A stream's state and version (the number of its events) before and after a command. */
export interface StreamChange<State> {
  before: State;
  versionBefore: number;
  after: State;
  appended: AppendResult;
}

/** One command on one stream: what to decide, and what else to write in the same transaction. */
export interface StreamCommand<State, Event, Result> {
  streamId: string;
  /**
   * The stream id was just generated: there is nothing to load or to queue behind, and the
   * append at version 0 still refuses a stream that exists.
   */
  newStream?: boolean;
  /** From If-Match: the versions any one of which the stream must be at (empty: none can match). */
  expectedVersions?: readonly number[];
  metadata: EventMetadata;
  /** First in the transaction: a result that makes deciding unnecessary (a replayed outcome). */
  precheck?(db: EntityManager): Promise<Result | undefined>;
  /**
   * Before If-Match is checked: refuses a stream the caller may not act on (so that a stream
   * that is not theirs is not found, whatever its version).
   */
  guard?(state: State): void;
  /** The events the command produces from the current state, or the typed error of a broken rule. */
  decide(state: State, db: EntityManager): Promise<Event[]> | Event[];
  /** After the append, in the same transaction: the command's other writes and its result. */
  then(db: EntityManager, change: StreamChange<State>): Promise<Result>;
}

/**
 * A command that lost a race without If-Match (another append, a deadlock or a serialization
 * failure reported by PostgreSQL, other streams it must change busy) is run again on the fresh
 * state, this many times at most.
 */
const MAX_ATTEMPTS = 3;

function isTransientConflict(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return error instanceof StreamsBusy || code === PG_ERROR.SERIALIZATION_FAILURE || code === PG_ERROR.DEADLOCK_DETECTED;
}

/** The advisory lock key of one stream: commands on it queue behind this lock. */
function streamLockKey(aggregateType: string, streamId: string): string {
  return `${aggregateType.toLowerCase()}:${streamId}`;
}

/**
 * Command handling for any event-sourced stream, in the spirit of Emmett's
 * `CommandHandler(evolve, initialState)`: in one PostgreSQL transaction, load the stream (latest
 * snapshot plus the events after it), decide, append with the expected version, and let the
 * caller write what belongs with the events; a lost race is retried on the fresh state. It
 * knows nothing of any aggregate's rules, of HTTP or of idempotency.
 */
@Injectable()
export class CommandHandling {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly snapshots: SnapshotStore,
  ) {}

  /**
   * Runs the command in a transaction of its own, or `within` the caller's (several streams
   * changed together: a time off that cancels the appointments in its way). Within a caller's
   * transaction a lost race is the caller's to retry, as the whole transaction rolls back.
   */
  async handle<State, Event, Result>(type: StreamType<State, Event>, command: StreamCommand<State, Event, Result>, within?: EntityManager): Promise<Result> {
    if (within) return this.attempt(within, type, command);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((db) => this.attempt(db, type, command));
      } catch (error) {
        const lostRace = error instanceof WrongExpectedVersion || isTransientConflict(error);
        if (error instanceof WrongExpectedVersion && command.expectedVersions !== undefined) {
          throw new StaleVersion(type.aggregateType, command.expectedVersions, error.actualVersion ?? error.expectedVersion + 1);
        }
        if (lostRace && attempt < MAX_ATTEMPTS) continue;
        if (error instanceof StreamsBusy) throw new ConcurrentChange(error.aggregateType, error.streamIds[0]);
        if (lostRace) throw new ConcurrentChange(type.aggregateType, command.streamId);
        throw error;
      }
    }
  }

  /**
   * Takes the locks of other streams the command will change in its transaction, without
   * waiting: a command that holds other locks (a block holding the clinic's reservation lock)
   * must not queue behind a command on one of those streams, which may be waiting for a lock it
   * holds. Any stream busy is a StreamsBusy, which `handle` treats as a lost race: the whole
   * transaction rolls back, releasing what it held, and runs again. Later commands on these
   * streams in the same transaction find their locks taken already.
   */
  async tryLockStreams(db: EntityManager, type: Pick<StreamType<unknown, unknown>, 'aggregateType'>, streamIds: readonly string[]): Promise<void> {
    const sorted = [...new Set(streamIds)].sort();
    if (sorted.length === 0) return;
    // The select list is evaluated left to right: the locks are tried in the sorted order.
    const tries = sorted.map((_, i) => `pg_try_advisory_xact_lock(hashtextextended($${i + 1}, 0)) as "${i}"`);
    const [row]: Array<Record<string, boolean>> = await db.query(`select ${tries.join(', ')}`, sorted.map((id) => streamLockKey(type.aggregateType, id)));
    const busy = sorted.filter((_, i) => !row[String(i)]);
    if (busy.length > 0) throw new StreamsBusy(type.aggregateType, busy);
  }

  /** The current state and version of a stream; inside a command pass its transaction. */
  async load<State, Event>(type: StreamType<State, Event>, streamId: string, db?: EntityManager): Promise<{ state: State; version: number }> {
    const stream = { aggregateId: streamId, aggregateType: type.aggregateType };
    const snapshot = type.snapshots ? await this.snapshots.latest<State & object>(stream, type.snapshots.schemaVersion, undefined, db) : null;
    const newer = await this.eventStore.readStream(streamId, { afterVersion: snapshot?.version }, db);
    if (newer.some((stored) => stored.aggregateType !== type.aggregateType)) throw new StreamOfAnotherKind(type.aggregateType, streamId);
    const state = newer.reduce((folded, stored) => type.evolve(folded, type.decode(stored)), snapshot ? (snapshot.state as State) : type.initialState);
    return { state, version: newer.length > 0 ? newer[newer.length - 1].version : (snapshot?.version ?? 0) };
  }

  private async attempt<State, Event, Result>(db: EntityManager, type: StreamType<State, Event>, command: StreamCommand<State, Event, Result>): Promise<Result> {
    const earlier = await command.precheck?.(db);
    if (earlier !== undefined) return earlier;

    let current = { state: type.initialState, version: 0 };
    if (!command.newStream) {
      // Commands on one stream queue here, so each decides on the state the previous one left;
      // the expected-version check of the append stays as the safety net.
      await db.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [streamLockKey(type.aggregateType, command.streamId)]);
      current = await this.load(type, command.streamId, db);
    }
    command.guard?.(current.state);
    if (command.expectedVersions !== undefined && !command.newStream && !command.expectedVersions.includes(current.version)) {
      throw new StaleVersion(type.aggregateType, command.expectedVersions, current.version);
    }
    const events = await command.decide(current.state, db);

    const stream = { aggregateId: command.streamId, aggregateType: type.aggregateType };
    const appended = await this.eventStore.append(
      db,
      stream,
      current.version,
      events.map((event) => ({ eventId: randomUUID(), ...type.encode(event) })),
      command.metadata,
    );
    // The state after is folded from the events as stored, so that it never shows free text the
    // store redacted (a data subject erased meanwhile).
    const after = appended.events.reduce((folded, stored) => type.evolve(folded, type.decode(stored)), current.state);
    if (type.snapshots) {
      const { every, schemaVersion } = type.snapshots;
      if (Math.floor(current.version / every) !== Math.floor(appended.version / every)) {
        await this.snapshots.save(db, stream, appended.version, schemaVersion, after as State & object);
      }
    }
    return command.then(db, { before: current.state, versionBefore: current.version, after, appended });
  }
}
