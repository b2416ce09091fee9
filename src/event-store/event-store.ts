import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PERSONAL_DATA_POLICY, PersonalDataPolicy } from './personal-data/personal-data-policy';
import { PersonalDataVault, PersonalRecord } from './personal-data/personal-data-vault';
import { AppendResult, CommitPoint, EventHeader, EventMetadata, NewEvent, StoredEvent, WrongExpectedVersion } from './stored-event';
import { PG_ERROR } from '../shared/postgres-error-codes';

interface EventRow {
  position: string;
  transaction_id: string;
  event_id: string;
  aggregate_id: string;
  aggregate_type: string;
  version: number;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  occurred_at: Date;
}

const COLUMNS = `position, transaction_id::text as transaction_id, event_id, aggregate_id, aggregate_type, version,
  event_type, schema_version, data, metadata, occurred_at`;

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: Number(row.position),
    transactionId: row.transaction_id,
    eventId: row.event_id,
    aggregateId: row.aggregate_id,
    aggregateType: row.aggregate_type,
    version: row.version,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
  };
}

export interface StreamRange {
  /** Only events after this version (for loading on top of a snapshot). */
  afterVersion?: number;
  /** Only events up to and including this version. */
  toVersion?: number;
}

/**
 * The append-only log of all events in PostgreSQL. Appends run inside the caller's
 * transaction, so that everything a command writes (events, reservations, the idempotent
 * response) commits or rolls back together. Personal data in event payloads is stored sealed
 * with its subject's key and opened on every read (see PersonalDataVault): callers only ever
 * see plaintext, or the redacted value once the subject has been erased.
 */
@Injectable()
export class EventStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: PersonalDataVault,
    @Inject(PERSONAL_DATA_POLICY) private readonly policy: PersonalDataPolicy,
  ) {}

  /**
   * Appends events to a stream that must be at `expectedVersion` (0 for a new stream).
   * Optimistic concurrency: the unique (aggregate_id, version) key turns a concurrent writer
   * into WrongExpectedVersion, never into an overwrite. Appending events whose ids are already
   * stored in this stream is a no-op that returns them.
   */
  async append(
    db: EntityManager,
    stream: { aggregateId: string; aggregateType: string },
    expectedVersion: number,
    events: NewEvent[],
    metadata: EventMetadata,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('Nothing to append');
    const eventIds = events.map((e) => e.eventId);
    const sealed = await this.vault.sealAndShow(db, this.personalRecords(events));

    // One round trip: the insert happens only if the stream is at the expected version.
    let rows: EventRow[];
    try {
      rows = await db.query(
        `insert into events (event_id, aggregate_id, aggregate_type, version, event_type, schema_version, data, metadata)
         select e.event_id, $2::uuid, $3, $4::int + e.ord::int, e.event_type, e.schema_version, e.data, $8::jsonb
         from unnest($1::uuid[], $5::text[], $6::int[], $7::jsonb[]) with ordinality as e(event_id, event_type, schema_version, data, ord)
         where (select coalesce(max(version), 0) from events where aggregate_id = $2::uuid) = $4::int
         order by e.ord
         returning ${COLUMNS}`,
        [
          eventIds,
          stream.aggregateId,
          stream.aggregateType,
          expectedVersion,
          events.map((e) => e.type),
          events.map((e) => e.schemaVersion),
          sealed.map((data) => JSON.stringify(data.stored)),
          JSON.stringify(metadata),
        ],
      );
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === PG_ERROR.UNIQUE_VIOLATION && /aggregate_id_version/.test(constraint ?? '')) throw new WrongExpectedVersion(stream.aggregateId, expectedVersion, null);
      if (code === PG_ERROR.UNIQUE_VIOLATION && /event_id/.test(constraint ?? '')) {
        throw new Error(`Events ${eventIds.join(', ')} were already appended at other versions or to another stream`, { cause: error });
      }
      throw error;
    }
    if (rows.length === 0) {
      // Not at the expected version: either these very events were appended before (a retry),
      // or another writer got there first.
      const already = await this.alreadyAppended(db, stream.aggregateId, eventIds);
      if (already) return already;
      const [{ version }]: Array<{ version: number }> = await db.query(
        `select coalesce(max(version), 0)::int as version from events where aggregate_id = $1`,
        [stream.aggregateId],
      );
      throw new WrongExpectedVersion(stream.aggregateId, expectedVersion, version);
    }
    // Handed back as readers will see them (no need to decrypt what was just sealed).
    const visible = new Map(events.map((e, i) => [e.eventId, sealed[i].visible]));
    const stored = rows.map((row) => ({ ...toStoredEvent(row), data: visible.get(row.event_id) })).sort((a, b) => a.version - b.version);
    const last = stored[stored.length - 1];
    return { version: last.version, lastPosition: last.position, events: stored };
  }

  /** The result of an earlier append of exactly these events to this stream; null if none of them is stored. */
  private async alreadyAppended(db: EntityManager, aggregateId: string, eventIds: string[]): Promise<AppendResult | null> {
    const already: EventRow[] = await db.query(`select ${COLUMNS} from events where event_id = any($1::uuid[]) order by position`, [eventIds]);
    if (already.length === 0) return null;
    const sameStream = already.length === eventIds.length && already.every((row) => row.aggregate_id === aggregateId);
    if (!sameStream) throw new Error(`Events ${already.map((r) => r.event_id).join(', ')} were already appended elsewhere`);
    const stored = await this.opened(already, db);
    return { version: stored[stored.length - 1].version, lastPosition: stored[stored.length - 1].position, events: stored };
  }

  /** A stream's events in version order, as stored (see Upcasters for the current shape). */
  async readStream(aggregateId: string, range: StreamRange = {}, db: EntityManager = this.dataSource.manager): Promise<StoredEvent[]> {
    const rows: EventRow[] = await db.query(
      `select ${COLUMNS} from events
       where aggregate_id = $1
         and ($2::int is null or version > $2)
         and ($3::int is null or version <= $3)
       order by version`,
      [aggregateId, range.afterVersion ?? null, range.toVersion ?? null],
    );
    return this.opened(rows, db);
  }

  /**
   * Events committed after `after`, in commit-safe order. Only transactions older than every
   * transaction still running are read: an event whose transaction commits late (it took its
   * id early) can then never be passed over, which a read by position alone would do.
   */
  async readInCommitOrder(after: CommitPoint, limit: number, db: EntityManager = this.dataSource.manager): Promise<StoredEvent[]> {
    return this.open(await this.readSealedInCommitOrder(after, limit, db), db);
  }

  /**
   * Like readInCommitOrder, with personal data still sealed: a subscription opens it inside its
   * delivery (see open), so that a value that cannot be opened is that event's failure, under
   * the subscription's failure policy, and not a failure to read the log.
   */
  async readSealedInCommitOrder(after: CommitPoint, limit: number, db: EntityManager = this.dataSource.manager): Promise<StoredEvent[]> {
    const rows: EventRow[] = await db.query(
      `select ${COLUMNS} from events
       where (transaction_id, position) > ($1::xid8, $2::bigint)
         and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       order by events.transaction_id, events.position
       limit $3`,
      [after.transactionId, after.position, limit],
    );
    return rows.map(toStoredEvent);
  }

  /**
   * The place and type of the next readable event after `after`, without its data or metadata:
   * what is left to report when an event cannot be read whole.
   */
  async nextInCommitOrder(after: CommitPoint, db: EntityManager = this.dataSource.manager): Promise<EventHeader | null> {
    const rows: Array<{ position: string; transaction_id: string; event_id: string; event_type: string }> = await db.query(
      `select position, transaction_id::text as transaction_id, event_id, event_type from events
       where (transaction_id, position) > ($1::xid8, $2::bigint)
         and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       order by events.transaction_id, events.position
       limit 1`,
      [after.transactionId, after.position],
    );
    return rows.map((row) => ({ position: Number(row.position), transactionId: row.transaction_id, eventId: row.event_id, type: row.event_type }))[0] ?? null;
  }

  /** Events read sealed, with their personal data opened (or redacted where the key is erased). */
  async open(events: StoredEvent[], db: EntityManager = this.dataSource.manager): Promise<StoredEvent[]> {
    const data = await this.vault.open(db, this.personalRecords(events));
    return events.map((e, i) => ({ ...e, data: data[i] }));
  }

  private opened(rows: EventRow[], db: EntityManager): Promise<StoredEvent[]> {
    return this.open(rows.map(toStoredEvent), db);
  }

  private personalRecords(events: ReadonlyArray<{ type: string; data: unknown }>): Array<PersonalRecord<unknown>> {
    return events.map((e) => ({ value: e.data, location: this.policy.forEvent(e.type, e.data as Record<string, unknown>) }));
  }

  /** The commit point of the event at `position`, if there is one. */
  async pointAt(position: number): Promise<CommitPoint[]> {
    const rows: Array<{ transaction_id: string }> = await this.dataSource.query(
      `select transaction_id::text as transaction_id from events where position = $1`,
      [position],
    );
    return rows.map((row) => ({ transactionId: row.transaction_id, position }));
  }

  /** Whether any committed event lies after `after`, readable yet or not. */
  async hasCommittedAfter(after: CommitPoint): Promise<boolean> {
    const [{ found }]: Array<{ found: boolean }> = await this.dataSource.query(
      `select exists (select 1 from events where (transaction_id, position) > ($1::xid8, $2::bigint)) as found`,
      [after.transactionId, after.position],
    );
    return found;
  }

  /**
   * The stream version that was current at a time (0 if the stream did not exist yet). Times
   * are compared at millisecond precision, the precision of the times this API hands out.
   */
  async versionAt(aggregateId: string, time: Date): Promise<number> {
    const [{ version }]: Array<{ version: number }> = await this.dataSource.query(
      `select coalesce(max(version), 0)::int as version from events where aggregate_id = $1 and date_trunc('milliseconds', occurred_at) <= $2`,
      [aggregateId, time],
    );
    return version;
  }
}
