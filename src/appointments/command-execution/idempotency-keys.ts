import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../../shared/domain-error';
import { CommandOutcome } from './command-options';

/**
 * How the outcome of one kind of command is kept with its key and given back: the status of the
 * first answer, the JSON stored, and the outcome rebuilt from both (marked as replayed).
 */
export interface OutcomeRecord<Outcome> {
  statusOf(outcome: Outcome): number;
  bodyOf(outcome: Outcome): unknown;
  replayed(status: number, body: unknown): Outcome;
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
   * Claims the key for this transaction. A transaction-scoped advisory lock tells a concurrent
   * request with the same key (409) from a finished one (its stored outcome is replayed, or
   * 422 if it was a different request); undefined when the key is new.
   */
  async claimFor<Outcome>(record: OutcomeRecord<Outcome>, db: EntityManager, userId: string, key: string, fingerprint: string): Promise<Outcome | undefined> {
    const [{ locked }]: Array<{ locked: boolean }> = await db.query(
      `select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked`,
      [`idempotency:${JSON.stringify([userId, key])}`],
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
}
