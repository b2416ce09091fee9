import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EventMetadata } from './stored-event';

/**
 * The TypeScript side of `commit_command(jsonb)`, the PL/pgSQL function that writes a command
 * in one statement (installed by migration 1764800000000-command-commit, which says what it
 * checks and in which order), and of the reads before it. Raw `pg` on a connection of TypeORM's
 * pool, with named statements: each text is parsed and planned once per connection.
 */

/** A select-list expression of a command's reads; its parameters are numbered $1, $2, ... of its own. */
export interface SqlRead {
  sql: string;
  params: readonly unknown[];
}

/** A statement as node-postgres sends it: named, so that it is prepared once per connection. */
export interface SqlStatement {
  name: string;
  text: string;
  values: unknown[];
}

/** The connection a command's statements go through (a `pg` client). */
export interface SqlSession {
  query(statement: string | SqlStatement): Promise<{ rows: unknown[] }>;
}

/** SQLSTATEs the commit function raises (class CL, not PostgreSQL's own). */
export const COMMIT_ERROR = {
  /** The stream is not at the expected version; the detail is the version it is at. */
  WRONG_EXPECTED_VERSION: 'CLWEV',
  /** Something the decision assumed changed since the reads (hours, a key, a stored Idempotency-Key): run the command again. */
  LOST_RACE: 'CLRTY',
  /** The Idempotency-Key's lock is held: its first request is still in flight. */
  IDEMPOTENCY_KEY_IN_FLIGHT: 'CL409',
  /** The patient would hold more upcoming appointments than allowed. */
  BOOKING_LIMIT: 'CLLIM',
} as const;

/** The working hours a decision was made on: those of the doctor in force on the doctor's local date of `at`. */
export interface HoursAssumed {
  doctorId: string;
  at: string;
  hours: unknown;
}

/** An occupation written to the reservations table by the commit (see Reservations). */
export interface ReservationWrite {
  id: string;
  kind: string;
  doctorId: string | null;
  roomId: string | null;
  patientId: string | null;
  start: string;
  end: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

/** Everything `commit_command` writes and checks, as its JSON argument. */
export interface CommitSections {
  stream: { id: string; type: string; expectedVersion: number; lock: string | null };
  events: Array<{ eventId: string; type: string; schemaVersion: number; data: unknown }>;
  metadata: EventMetadata;
  /** The personal-data keys the events and snapshot were sealed with (base64; null: sealed redacted). */
  keys: Array<{ subject: string; key: string | null }>;
  snapshot?: { version: number; schemaVersion: number; state: unknown };
  /** Advisory lock keys taken in this order, each exclusive or shared. */
  locks?: Array<{ key: string; shared: boolean }>;
  workingHours?: HoursAssumed[];
  reservation?: { release?: string; write?: ReservationWrite };
  bookingLimit?: { patientId: string; now: string; max: number };
  /** The outcome to keep with the key; the position of the last event is written at `positionAt` in `body`. */
  idempotency?: { lock: string; userId: string; key: string; fingerprint: string; status: number; body: unknown; positionAt: string[] };
}

/** The sections a command adds to the stream's own (which CommandHandling writes). */
export type CommandWrites = Omit<CommitSections, 'stream' | 'events' | 'metadata' | 'keys' | 'snapshot'>;

function named(text: string, values: readonly unknown[]): SqlStatement {
  return { name: `cmd_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text, values: [...values] };
}

/** A statement of its own text and parameters. */
export function statement(text: string, values: readonly unknown[]): SqlStatement {
  return named(text, values);
}

/**
 * One select of several reads: `base` (a whole select, whose list the reads extend) and each
 * read as a column of its name, their parameters renumbered after one another.
 */
export function selectStatement(base: SqlRead | undefined, reads: Record<string, SqlRead>): SqlStatement {
  const values: unknown[] = [...(base?.params ?? [])];
  const columns = Object.entries(reads).map(([name, read]) => {
    const offset = values.length;
    values.push(...read.params);
    return `${read.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)} as "${name}"`;
  });
  const text = base ? [base.sql, ...columns].join(',\n  ') : `select ${columns.join(',\n  ')}`;
  return named(text, values);
}

/** The call of the commit function. */
export function commitStatement(sections: CommitSections): SqlStatement {
  return named(`select commit_command($1::jsonb) as committed`, [JSON.stringify(sections)]);
}

/** The `pg` client of the caller's transaction. */
export async function sqlSession(within: EntityManager): Promise<SqlSession> {
  if (!within.queryRunner) throw new Error('A command within a transaction needs its query runner');
  return (await within.queryRunner.connect()) as SqlSession;
}
