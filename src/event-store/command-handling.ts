import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from '../shared/database-errors';
import { PG_ERROR } from '../shared/postgres-error-codes';
import { ConcurrentChange, StaleVersion, StreamOfAnotherKind, StreamsBusy } from './command-errors';
import { CommandWrites, CommitSections, COMMIT_ERROR, commitStatement, selectStatement, SqlRead, SqlSession, sqlSession, statement } from './command-commit';
import { EventStore } from './event-store';
import { isLostRace } from './lost-race';
import { KEYS_READ_SQL, Keyring, PersonalDataVault } from './personal-data/personal-data-vault';
import { PERSONAL_DATA_POLICY, PersonalDataPolicy } from './personal-data/personal-data-policy';
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

/** What the reads of a planned command gave, by the names it read them under. */
export type ReadResults = Readonly<Record<string, unknown>>;

/** A stream's state and version before a command, and after its events (not yet written). */
export interface PlannedChange<State> {
  before: State;
  versionBefore: number;
  after: State;
  version: number;
}

/**
 * One command on one stream that reads in one statement, decides in TypeScript and writes in
 * one call of the commit function (commit_command, see command-commit.ts): the shape of every
 * appointment command. Its reads and writes are data, so that no statement waits on the
 * application between them.
 */
export interface PlannedCommand<State, Event, Result> {
  streamId: string;
  /** The stream id was just generated: there is nothing to read, and the append at version 0 still refuses a stream that exists. */
  newStream?: boolean;
  /** From If-Match: the versions any one of which the stream must be at (empty: none can match). */
  expectedVersions?: readonly number[];
  metadata: EventMetadata;
  /** Read in the first statement, with the stream: a stored idempotent outcome, the reference data of a booking. */
  reads?: Record<string, SqlRead>;
  /** A result the first reads make deciding unnecessary for (a replayed outcome), or the typed error they show. */
  precheck?(read: ReadResults): Result | undefined;
  /**
   * Read once the stream is folded, in one statement with the personal-data keys. `stored` is
   * the state as stored: its ids and times are plaintext, its free text may still be sealed.
   */
  readsOnState?(stored: State): Record<string, SqlRead>;
  /** The data subjects whose keys the command's events (and snapshot) will be sealed with, read with the reads. */
  sealsFor(state: State): readonly string[];
  /** Before If-Match is checked: refuses a stream the caller may not act on. */
  guard?(state: State): void;
  /** The events the command produces from the current state, or the typed error of a broken rule. */
  decide(state: State, read: ReadResults): Event[];
  /** What the commit function writes besides the events: the reservation move, the booking limit, the idempotent outcome. */
  writes(change: PlannedChange<State>): CommandWrites | Promise<CommandWrites>;
  /** The command's result once committed. */
  result(change: StreamChange<State>): Result;
}

/** The stream read with a command's first reads (latest snapshot of `$2`'s schema, then the events after it). */
const STREAM_READS = `with snap as (select version, state from snapshots where aggregate_id = $1 and schema_version = $2 order by version desc limit 1)
  select (select row_to_json(snap) from snap) as "snapshot",
    (select coalesce(json_agg(json_build_object('position', position, 'transactionId', transaction_id::text, 'eventId', event_id,
       'aggregateId', aggregate_id, 'aggregateType', aggregate_type, 'version', version, 'type', event_type,
       'schemaVersion', schema_version, 'data', data, 'metadata', metadata, 'occurredAt', occurred_at) order by version), '[]'::json)
     from events where aggregate_id = $1 and version > coalesce((select version from snap), 0)) as "events"`;

/** The personal-data keys a command read, and which subjects it read them for (one without a row has no key yet). */
interface KeysRead {
  keyring: Keyring;
  read: ReadonlySet<string>;
}

type KeyRows = Array<{ subject: string; key: string | null }>;

interface EventJson extends Omit<StoredEvent, 'occurredAt'> {
  occurredAt: string;
}

/**
 * A command that lost a race without If-Match (see isLostRace) is run again on the fresh state,
 * this many times at most.
 */
const MAX_ATTEMPTS = 3;

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
    private readonly vault: PersonalDataVault,
    @Inject(PERSONAL_DATA_POLICY) private readonly policy: PersonalDataPolicy,
  ) {}

  /**
   * Runs a planned command: in its own round trips (outside any transaction the reads, then the
   * commit function as one statement), or `within` the caller's transaction, whose retry it is
   * then. A first attempt reads without any lock; a lost race is run again queued behind the
   * stream's lock (in a transaction that takes it before reading), so that commands on one
   * stream are applied one after the other as they were under the lock, each on the state the
   * previous one left. The commit function checks under its locks everything the decision
   * assumed that may have changed since the reads (the stream's version, the working hours in
   * force, the personal-data keys, a stored Idempotency-Key): each is a lost race, never a
   * write on stale facts.
   */
  async run<State, Event, Result>(type: StreamType<State, Event>, command: PlannedCommand<State, Event, Result>, within?: EntityManager): Promise<Result> {
    if (within) return this.plannedAttempt(await sqlSession(within), type, command);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.withClient((client) =>
          attempt === 1 || command.newStream ? this.plannedAttempt(client, type, command) : this.queuedAttempt(client, type, command),
        );
      } catch (error) {
        const lostRace = isLostRace(error);
        if (error instanceof WrongExpectedVersion && command.expectedVersions !== undefined) {
          throw new StaleVersion(type.aggregateType, command.expectedVersions, error.actualVersion ?? error.expectedVersion + 1);
        }
        if (lostRace && attempt < MAX_ATTEMPTS) continue;
        if (lostRace) throw new ConcurrentChange(type.aggregateType, command.streamId);
        throw error;
      }
    }
  }

  /** A pooled connection of TypeORM's own pool (no second pool), given back broken when the database failed it. */
  private async withClient<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const driver = this.dataSource.driver as unknown as { obtainMasterConnection(): Promise<[SqlSession, (error?: unknown) => void]> };
    const [client, release] = await driver.obtainMasterConnection();
    try {
      const result = await work(client);
      release();
      return result;
    } catch (error) {
      release(isDatabaseUnavailable(error) ? error : undefined);
      throw error;
    }
  }

  /** Runs an attempt in a transaction that first takes the stream's lock: behind every command on the stream in flight. */
  private async queuedAttempt<State, Event, Result>(session: SqlSession, type: StreamType<State, Event>, command: PlannedCommand<State, Event, Result>): Promise<Result> {
    await session.query('begin');
    try {
      await session.query(statement(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [streamLockKey(type.aggregateType, command.streamId)]));
      const result = await this.plannedAttempt(session, type, command);
      await session.query('commit');
      return result;
    } catch (error) {
      await session.query('rollback');
      throw error;
    }
  }

  private async plannedAttempt<State, Event, Result>(session: SqlSession, type: StreamType<State, Event>, command: PlannedCommand<State, Event, Result>): Promise<Result> {
    // A new stream has no state to read anything on: its keys are read with the first reads.
    const sealsUpFront = command.newStream ? command.sealsFor(type.initialState) : [];
    const first = await this.readFirst(session, type, command, sealsUpFront);
    const earlier = command.precheck?.(first);
    if (earlier !== undefined) return earlier;

    // The stream as stored; its personal data is opened with the keys read with the reads on its state.
    const snapshot = first.snapshot as { version: number; state: State } | null | undefined;
    const stored = ((first.events as EventJson[] | undefined) ?? []).map((event) => ({ ...event, occurredAt: new Date(event.occurredAt) }));
    if (stored.some((event) => event.aggregateType !== type.aggregateType)) throw new StreamOfAnotherKind(type.aggregateType, command.streamId);
    const sealedState = stored.reduce((folded, event) => type.evolve(folded, type.decode(event)), snapshot ? snapshot.state : type.initialState);
    const snapshotRecord = snapshot ? [{ value: snapshot.state as unknown, location: this.policy.forSnapshot(type.aggregateType, snapshot.state as Record<string, unknown>) }] : [];
    const eventRecords = stored.map((event) => ({ value: event.data, location: this.policy.forEvent(event.type, event.data as Record<string, unknown>) }));
    const toOpen = this.vault.subjectsToOpen([...snapshotRecord, ...eventRecords]);
    const toSeal = command.sealsFor(sealedState);
    const subjects = [...new Set([...toOpen, ...toSeal])];

    let read: ReadResults = first;
    let keys: KeysRead = { keyring: this.vault.keyring((first.keys as KeyRows | undefined) ?? []), read: new Set(sealsUpFront) };
    const onState = command.newStream ? {} : (command.readsOnState?.(sealedState) ?? {});
    if (!command.newStream && (subjects.length > 0 || Object.keys(onState).length > 0)) {
      const second = await this.select(session, { ...onState, keys: { sql: KEYS_READ_SQL, params: [subjects] } });
      keys = { keyring: this.vault.keyring(second.keys as KeyRows), read: new Set(subjects) };
      read = { ...first, ...second };
    }
    const { keyring } = keys;
    const [openedSnapshot] = this.vault.openWith(keyring, snapshotRecord);
    const openedEvents = this.vault.openWith(keyring, eventRecords);
    const current = {
      state: stored.reduce((folded, event, i) => type.evolve(folded, type.decode({ ...event, data: openedEvents[i] })), snapshot ? (openedSnapshot as State) : type.initialState),
      version: stored.length > 0 ? stored[stored.length - 1].version : (snapshot?.version ?? 0),
    };

    command.guard?.(current.state);
    if (command.expectedVersions !== undefined && !command.newStream && !command.expectedVersions.includes(current.version)) {
      throw new StaleVersion(type.aggregateType, command.expectedVersions, current.version);
    }
    const events = command.decide(current.state, read);
    if (events.length === 0) throw new Error('Nothing to append');

    const encoded = events.map((event) => ({ eventId: randomUUID(), ...type.encode(event) }));
    const records = encoded.map((event) => ({ value: event.data, location: this.policy.forEvent(event.type, event.data as Record<string, unknown>) }));
    keys = await this.withKeysOf(session, keys, this.vault.subjectsToSeal(records));
    const sealedEvents = this.vault.sealWith(keys.keyring, records);
    // The state after is folded from the events as stored, so that it never shows free text the
    // store redacted (a data subject erased meanwhile).
    const shown = encoded.map((event, i) => ({
      position: 0,
      transactionId: '0',
      eventId: event.eventId,
      aggregateId: command.streamId,
      aggregateType: type.aggregateType,
      version: current.version + i + 1,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: sealedEvents.records[i].visible,
      metadata: command.metadata,
      occurredAt: new Date(0),
    }));
    const after = shown.reduce((folded, event) => type.evolve(folded, type.decode(event)), current.state);
    const version = current.version + events.length;

    let snapshotSection: CommitSections['snapshot'];
    let keysUsed = sealedEvents.used;
    if (type.snapshots && Math.floor(current.version / type.snapshots.every) !== Math.floor(version / type.snapshots.every)) {
      const record = [{ value: after as unknown, location: this.policy.forSnapshot(type.aggregateType, after as Record<string, unknown>) }];
      keys = await this.withKeysOf(session, keys, this.vault.subjectsToSeal(record));
      // Sealed with the keys the events were sealed with, a new one included.
      const sealedSnapshot = this.vault.sealWith(new Map([...keys.keyring, ...keysUsed.map((used) => [used.subject, used.key] as const)]), record);
      keysUsed = [...keysUsed, ...sealedSnapshot.used.filter((used) => !keysUsed.some((known) => known.subject === used.subject))];
      snapshotSection = { version, schemaVersion: type.snapshots.schemaVersion, state: sealedSnapshot.records[0].stored };
    }

    const planned = { before: current.state, versionBefore: current.version, after, version };
    const writes = await command.writes(planned);
    const committed = await this.commit(session, {
      ...writes,
      stream: { id: command.streamId, type: type.aggregateType, expectedVersion: current.version, lock: command.newStream ? null : streamLockKey(type.aggregateType, command.streamId) },
      events: encoded.map((event, i) => ({ eventId: event.eventId, type: event.type, schemaVersion: event.schemaVersion, data: sealedEvents.records[i].stored })),
      metadata: command.metadata,
      keys: keysUsed.map((used) => ({ subject: used.subject, key: used.key === null ? null : used.key.toString('base64') })),
      snapshot: snapshotSection,
    });
    const appendedEvents = shown.map((event, i) => ({ ...event, ...committed[i], occurredAt: new Date(committed[i].occurredAt) }));
    const last = appendedEvents[appendedEvents.length - 1];
    return command.result({ before: current.state, versionBefore: current.version, after, appended: { version, lastPosition: last.position, events: appendedEvents } });
  }

  /** The first statement: the stream (unless new) with the command's reads; nothing to send for a new stream without reads. */
  private async readFirst<State, Event, Result>(
    session: SqlSession,
    type: StreamType<State, Event>,
    command: PlannedCommand<State, Event, Result>,
    subjects: readonly string[],
  ): Promise<Record<string, unknown>> {
    const reads = { ...command.reads, ...(subjects.length > 0 ? { keys: { sql: KEYS_READ_SQL, params: [subjects] } } : {}) };
    if (command.newStream) return Object.keys(reads).length === 0 ? {} : this.select(session, reads);
    return this.select(session, reads, { sql: STREAM_READS, params: [command.streamId, type.snapshots?.schemaVersion ?? null] });
  }

  private async select(session: SqlSession, reads: Record<string, SqlRead>, base?: SqlRead): Promise<Record<string, unknown>> {
    const result = await session.query(selectStatement(base, reads));
    return result.rows[0] as Record<string, unknown>;
  }

  /** The keys read, with those of subjects the reads did not foresee read now (a further round trip, never a guess). */
  private async withKeysOf(session: SqlSession, keys: KeysRead, subjects: readonly string[]): Promise<KeysRead> {
    const unread = subjects.filter((subject) => !keys.read.has(subject));
    if (unread.length === 0) return keys;
    const rows = (await this.select(session, { keys: { sql: KEYS_READ_SQL, params: [unread] } })).keys as KeyRows;
    return { keyring: new Map([...keys.keyring, ...this.vault.keyring(rows)]), read: new Set([...keys.read, ...unread]) };
  }

  private async commit(session: SqlSession, sections: CommitSections): Promise<Array<{ position: number; transactionId: string; eventId: string; version: number; occurredAt: string }>> {
    try {
      const result = await session.query(commitStatement(sections));
      return (result.rows[0] as { committed: { events: Array<{ position: number; transactionId: string; eventId: string; version: number; occurredAt: string }> } }).committed.events;
    } catch (error) {
      const { code, constraint, detail } = error as { code?: string; constraint?: string; detail?: string };
      const expected = sections.stream.expectedVersion;
      if (code === COMMIT_ERROR.WRONG_EXPECTED_VERSION) throw new WrongExpectedVersion(sections.stream.id, expected, Number(detail));
      if (code === PG_ERROR.UNIQUE_VIOLATION && /aggregate_id_version/.test(constraint ?? '')) throw new WrongExpectedVersion(sections.stream.id, expected, null);
      throw error;
    }
  }

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
        const lostRace = isLostRace(error);
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
