import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommitSections, SqlRead } from '../../event-store/command-commit';
import { DomainError } from '../../shared/domain-error';
import { CommandOptions, CommandOutcome } from './command-options';

/**
 * How the outcome of one kind of command is kept with its key and given back: the status of the
 * first answer, the JSON stored, and the outcome rebuilt from both (marked as replayed).
 */
export interface OutcomeRecord<Outcome> {
  statusOf(outcome: Outcome): number;
  bodyOf(outcome: Outcome): unknown;
  replayed(status: number, body: unknown): Outcome;
}

/**
 * The record of a command whose first answer always has the one status (a 201 when it created,
 * a 200 or 204 when it changed): its outcome kept as it was, less `replayed`.
 */
export function fixedStatusOutcomes<Outcome extends { replayed: boolean }>(status: number): OutcomeRecord<Outcome> {
  return {
    statusOf: () => status,
    bodyOf: ({ replayed: _replayed, ...stored }) => stored,
    replayed: (_status, body) => ({ ...(body as Omit<Outcome, 'replayed'>), replayed: true }) as Outcome,
  };
}

/** The claim and the store of a request's Idempotency-Key in a command's own transaction (see IdempotencyKeys.idempotencyOf). */
export interface KeyedCommand<Outcome> {
  readonly claim: (db: EntityManager) => Promise<Outcome | undefined>;
  readonly store: (db: EntityManager, outcome: Outcome) => Promise<void>;
}

/** The key was used before with a different request. */
export class IdempotencyKeyReused extends DomainError {
  readonly code = 'idempotency-key-reused';
  readonly kind = 'rule-broken';
  override readonly title = 'Idempotency key reused';
  constructor() {
    super('This Idempotency-Key was already used with a different request');
  }
}

/** The first request with this key is still being processed. */
export class IdempotencyKeyInFlight extends DomainError {
  readonly code = 'idempotency-key-in-flight';
  readonly kind = 'conflict';
  override readonly title = 'Request in progress';
  constructor() {
    super('A request with this Idempotency-Key is still being processed');
  }
}

/** `response_status` keeps the status of the first answer: 201 when it created the appointment. */
const CREATED_STATUS = 201;
const CHANGED_STATUS = 200;

type StoredOutcome = Omit<CommandOutcome, 'replayed' | 'created'>;

/** An appointment command's outcome: the appointment and position, and whether it booked it. */
const APPOINTMENT_OUTCOMES: OutcomeRecord<CommandOutcome> = {
  statusOf: (outcome) => (outcome.created ? CREATED_STATUS : CHANGED_STATUS),
  bodyOf: ({ replayed: _replayed, created: _created, ...stored }) => stored,
  replayed: (status, body) => ({ ...(body as StoredOutcome), created: status === CREATED_STATUS, replayed: true }),
};

/** The stored outcome of a key as a command's read finds it (null when the key is new). */
type StoredRow = { fingerprint: string; status: number; body: unknown } | null;

/** The advisory lock that tells a request in flight with the key from a finished one. */
function lockKeyOf(userId: string, key: string): string {
  return `idempotency:${JSON.stringify([userId, key])}`;
}

/**
 * Stored outcomes of commands sent with an Idempotency-Key, scoped per user: one user's key can
 * never return another user's response. The outcome is written in the command's transaction,
 * so a key is bound to a result exactly when that result is committed. Appointment commands use
 * `claim` and `store`; another kind of command passes the record of its own outcome.
 */
@Injectable()
export class IdempotencyKeys {
  /** Claims the key for an appointment command (see `claimFor`). */
  async claim(db: EntityManager, userId: string, key: string, fingerprint: string): Promise<CommandOutcome | null> {
    return (await this.claimFor(APPOINTMENT_OUTCOMES, db, userId, key, fingerprint)) ?? null;
  }

  async store(db: EntityManager, userId: string, key: string, fingerprint: string, outcome: CommandOutcome): Promise<void> {
    await this.storeFor(APPOINTMENT_OUTCOMES, db, userId, key, fingerprint, outcome);
  }

  /**
   * A command's read of the key's stored outcome, without waiting for a request in flight with
   * it: that one holds the key's lock, which the commit function tries (see `commitSection`).
   */
  storedRead(userId: string, key: string): SqlRead {
    return {
      sql: `(select json_build_object('fingerprint', request_fingerprint, 'status', response_status, 'body', response_body)
             from idempotency_keys where user_id = $1 and key = $2)`,
      params: [userId, key],
    };
  }

  /** The outcome a read found stored, replayed; a different request with the key is refused (422); undefined when the key is new. */
  replayed(stored: unknown, fingerprint: string): CommandOutcome | undefined {
    const row = (stored ?? null) as StoredRow;
    if (row === null) return undefined;
    if (row.fingerprint !== fingerprint) throw new IdempotencyKeyReused();
    return APPOINTMENT_OUTCOMES.replayed(row.status, row.body);
  }

  /**
   * The outcome to store with the key in a command's commit: the commit function tries the
   * key's lock first (held: 409 in flight), finds no outcome stored meanwhile (else the command
   * runs again and replays it), and writes this one, with the position of its last event.
   */
  commitSection(userId: string, key: string, fingerprint: string, outcome: CommandOutcome): NonNullable<CommitSections['idempotency']> {
    return {
      lock: lockKeyOf(userId, key),
      userId,
      key,
      fingerprint,
      status: APPOINTMENT_OUTCOMES.statusOf(outcome),
      body: APPOINTMENT_OUTCOMES.bodyOf(outcome),
      positionAt: ['position'],
    };
  }

  /**
   * Claims the key for this transaction. A transaction-scoped advisory lock tells a concurrent
   * request with the same key (409) from a finished one (its stored outcome is replayed, or
   * 422 if it was a different request); undefined when the key is new.
   */
  async claimFor<Outcome>(record: OutcomeRecord<Outcome>, db: EntityManager, userId: string, key: string, fingerprint: string): Promise<Outcome | undefined> {
    const [{ locked }]: Array<{ locked: boolean }> = await db.query(
      `select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked`,
      [lockKeyOf(userId, key)],
    );
    if (!locked) throw new IdempotencyKeyInFlight();
    const rows: Array<{ request_fingerprint: string; response_status: number; response_body: unknown }> = await db.query(
      `select request_fingerprint, response_status, response_body from idempotency_keys where user_id = $1 and key = $2`,
      [userId, key],
    );
    if (rows.length === 0) return undefined;
    if (rows[0].request_fingerprint !== fingerprint) throw new IdempotencyKeyReused();
    return record.replayed(rows[0].response_status, rows[0].response_body);
  }

  async storeFor<Outcome>(record: OutcomeRecord<Outcome>, db: EntityManager, userId: string, key: string, fingerprint: string, outcome: Outcome): Promise<void> {
    await db.query(
      `insert into idempotency_keys (user_id, key, request_fingerprint, response_status, response_body) values ($1, $2, $3, $4, $5)`,
      [userId, key, fingerprint, record.statusOf(outcome), JSON.stringify(record.bodyOf(outcome))],
    );
  }

  /** The claim and the store of the request's Idempotency-Key, scoped to its actor, for a command of another kind; none without a key. */
  idempotencyOf<Outcome>(options: CommandOptions, record: OutcomeRecord<Outcome>): KeyedCommand<Outcome> | undefined {
    const { idempotency } = options;
    if (!idempotency) return undefined;
    const { userId } = options.context.actor;
    return {
      claim: (db) => this.claimFor(record, db, userId, idempotency.key, idempotency.fingerprint),
      store: (db, outcome) => this.storeFor(record, db, userId, idempotency.key, idempotency.fingerprint, outcome),
    };
  }
}
