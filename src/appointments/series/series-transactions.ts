import { EntityManager } from 'typeorm';
import { CommandOptions } from '../command-execution/command-options';
import { IdempotencyKeys, OutcomeRecord } from '../command-execution/idempotency-keys';

/**
 * The options of the appointment commands a series command runs in its transaction: caused by
 * it, by the same actor; its If-Match and Idempotency-Key are the series command's own.
 */
export function occurrenceOptions(options: CommandOptions): CommandOptions {
  return { commandId: options.commandId, context: options.context };
}

/** The claim and the store of the request's Idempotency-Key in the series command's transaction; none without a key. */
export function idempotencyOf<Outcome>(keys: IdempotencyKeys, options: CommandOptions, record: OutcomeRecord<Outcome>) {
  const { idempotency } = options;
  if (!idempotency) return undefined;
  const { userId } = options.context.actor;
  return {
    claim: (db: EntityManager) => keys.claimFor(record, db, userId, idempotency.key, idempotency.fingerprint),
    store: (db: EntityManager, outcome: Outcome) => keys.storeFor(record, db, userId, idempotency.key, idempotency.fingerprint, outcome),
  };
}
