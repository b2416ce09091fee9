import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../../shared/domain-error';
import { CommandOutcome } from './command-options';

type StoredOutcome = Omit<CommandOutcome, 'replayed' | 'created'>;

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

/**
 * Stored outcomes of commands sent with an Idempotency-Key, scoped per user: one user's key can
 * never return another user's response. The outcome is written in the command's transaction,
 * so a key is bound to a result exactly when that result is committed.
 */
@Injectable()
export class IdempotencyKeys {
  /**
   * Claims the key for this transaction. A transaction-scoped advisory lock tells a concurrent
   * request with the same key (409) from a finished one (its stored outcome is replayed, or
   * 422 if it was a different request).
   */
  async claim(db: EntityManager, userId: string, key: string, fingerprint: string): Promise<CommandOutcome | null> {
    const [{ locked }]: Array<{ locked: boolean }> = await db.query(
      `select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked`,
      [`idempotency:${JSON.stringify([userId, key])}`],
    );
    if (!locked) throw new IdempotencyKeyInFlight();
    const rows: Array<{ request_fingerprint: string; response_status: number; response_body: StoredOutcome }> = await db.query(
      `select request_fingerprint, response_status, response_body from idempotency_keys where user_id = $1 and key = $2`,
      [userId, key],
    );
    if (rows.length === 0) return null;
    if (rows[0].request_fingerprint !== fingerprint) throw new IdempotencyKeyReused();
    return { ...rows[0].response_body, created: rows[0].response_status === CREATED_STATUS, replayed: true };
  }

  async store(db: EntityManager, userId: string, key: string, fingerprint: string, outcome: CommandOutcome): Promise<void> {
    const { replayed: _replayed, created, ...stored } = outcome;
    await db.query(
      `insert into idempotency_keys (user_id, key, request_fingerprint, response_status, response_body) values ($1, $2, $3, $4, $5)`,
      [userId, key, fingerprint, created ? CREATED_STATUS : CHANGED_STATUS, JSON.stringify(stored)],
    );
  }
}
