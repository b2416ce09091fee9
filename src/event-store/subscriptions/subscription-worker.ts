import { Logger } from '@nestjs/common';
import { Sleeper } from '../../shared/sleeper';
import { DataSource } from 'typeorm';
import { EventStore } from '../event-store';
import { CommitPoint, StoredEvent } from '../stored-event';
import { Checkpoint, Checkpoints, CheckpointMoved } from './checkpoints';
import { DeadLetters } from './dead-letters';
import { dispatch, DurableHandler, SubscriptionOptions } from './durable-events-handler.decorator';
import { SubscriptionLocks } from './subscription-locks';
import { SubscriptionSettings } from './subscription-settings';

export interface WorkerDependencies {
  dataSource: DataSource;
  eventStore: EventStore;
  checkpoints: Checkpoints;
  deadLetters: DeadLetters;
  locks: SubscriptionLocks;
  settings: SubscriptionSettings;
  decode(stored: StoredEvent): unknown;
  /** Called after every committed move of the checkpoint. */
  advanced(): void;
}

/**
 * Events are committed after the checkpoint but not readable yet, because an older transaction
 * is still running (it may still append before them). Such transactions are short: look again
 * soon rather than at the next poll, since the one holding them back may not append anything
 * and so never send a wake-up.
 */
const UNSETTLED_RECHECK_MS = 15;

/**
 * The handler (or the decoding of its event) failed on an event. Only such failures count
 * toward the failure policy: a lost connection or a busy database is retried from the
 * checkpoint without ever parking or stopping at an event the handler did not refuse.
 */
class HandlerFailed extends Error {
  constructor(failure: unknown) {
    super(failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure));
  }
}

const pointOf = (stored: StoredEvent): CommitPoint => ({ transactionId: stored.transactionId, position: stored.position });
const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Runs one subscription: reads batches in commit order after its checkpoint, hands each event
 * to the handler and moves the checkpoint in the same transaction, so an event's effect and the
 * checkpoint commit together (exactly-once effect for what the handler writes in `db`).
 */
export class SubscriptionWorker {
  private readonly sleeper = new Sleeper();
  private loop: Promise<void> | null = null;
  private readonly types: Set<string>;
  private readonly logger: Logger;
  /** Where this worker's own last commit left the checkpoint; null: read it from the table. */
  private known: Checkpoint | null = null;

  constructor(
    readonly options: SubscriptionOptions,
    private readonly handler: DurableHandler,
    private readonly deps: WorkerDependencies,
  ) {
    this.types = new Set(options.events.map((event) => event.type));
    this.logger = new Logger(`Subscription ${options.name}`);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** New events may be readable: read now rather than at the next poll. */
  wake(): void {
    this.sleeper.wake();
  }

  /** Lets the batch in progress finish (its checkpoint saved), then stops. */
  async close(): Promise<void> {
    this.sleeper.close();
    await this.loop;
    await this.deps.locks.release(this.options.name);
  }

  private async run(): Promise<void> {
    const { locks, checkpoints, eventStore, settings } = this.deps;
    while (!this.sleeper.isClosed) {
      try {
        if (!(await locks.tryAcquire(this.options.name))) {
          await this.sleeper.idle(settings.lockRetryMs);
          continue;
        }
        const checkpoint = this.known ?? (await checkpoints.get(this.options.name));
        this.known = null;
        if (checkpoint.status === 'stopped') {
          await this.sleeper.idle(settings.pollMs);
          continue;
        }
        // Whatever a handler does beyond its transaction (a push, an email) waits for the commit
        // (afterCommit, an outbox), so a batch that fails leaves nothing behind and is retried
        // event by event.
        const batch = await eventStore.readInCommitOrder(checkpoint, settings.batchSize);
        if (batch.length > 0) {
          this.known = await this.deliverBatch(checkpoint, batch);
          if (batch.length < settings.batchSize && settings.batchWindowMs > 0) await this.sleeper.pause(settings.batchWindowMs);
        } else if (await eventStore.hasCommittedAfter(checkpoint)) await this.sleeper.idle(UNSETTLED_RECHECK_MS);
        else await this.sleeper.idle(settings.pollMs);
      } catch (error) {
        if (error instanceof CheckpointMoved) {
          this.logger.warn(`${error.message}; giving the subscription up`);
          await locks.release(this.options.name);
        } else {
          this.logger.error(`Subscription loop failed: ${describe(error)}`);
        }
        await this.sleeper.idle(settings.retryBaseMs);
      }
    }
  }

  /** Delivers a batch; returns the checkpoint it committed, or null if it stopped short. */
  private async deliverBatch(from: Checkpoint, batch: StoredEvent[]): Promise<Checkpoint | null> {
    const reached = (stored: StoredEvent): Checkpoint => ({ ...from, ...pointOf(stored) });
    try {
      await this.deliver(from, batch);
      return reached(batch[batch.length - 1]);
    } catch (error) {
      if (!(error instanceof HandlerFailed)) throw error;
      // Something in the batch failed: go event by event to find it and apply the policy.
      let checkpoint: CommitPoint = from;
      for (const stored of batch) {
        if (!(await this.deliverWithRetries(checkpoint, stored))) return null;
        checkpoint = pointOf(stored);
      }
      return reached(batch[batch.length - 1]);
    }
  }

  /** Retries with exponential backoff; false when the subscription stopped or is closing. */
  private async deliverWithRetries(from: CommitPoint, stored: StoredEvent): Promise<boolean> {
    const { settings, checkpoints, deadLetters, dataSource } = this.deps;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.deliver(from, [stored]);
        return true;
      } catch (error) {
        if (!(error instanceof HandlerFailed)) throw error;
        const failure = error.message;
        if (attempt < settings.maxAttempts) {
          this.logger.warn(`Attempt ${attempt} at ${stored.type} #${stored.position} failed: ${failure}`);
          await this.sleeper.pause(settings.retryBaseMs * 2 ** (attempt - 1));
          if (this.sleeper.isClosed) return false;
          continue;
        }
        if (this.options.onFailure === 'stop') {
          await checkpoints.stop(this.options.name, stored.position, failure);
          this.logger.error(`Stopped at ${stored.type} #${stored.position} after ${attempt} attempts: ${failure}`);
          return false;
        }
        await dataSource.transaction(async (db) => {
          await deadLetters.park(db, this.options.name, stored, attempt, failure);
          await checkpoints.advance(db, this.options.name, from, pointOf(stored));
        });
        this.deps.advanced();
        this.logger.error(`Parked ${stored.type} #${stored.position} after ${attempt} attempts: ${failure}`);
        return true;
      }
    }
  }

  private async deliver(from: CommitPoint, batch: StoredEvent[]): Promise<void> {
    const effects: Array<() => void> = [];
    await this.deps.dataSource.transaction(async (db) => {
      try {
        await dispatch(this.handler, this.types, this.deps.decode, batch, { db, table: (name) => name, afterCommit: (effect) => effects.push(effect) });
      } catch (error) {
        throw new HandlerFailed(error);
      }
      await this.deps.checkpoints.advance(db, this.options.name, from, pointOf(batch[batch.length - 1]));
    });
    this.deps.advanced();
    for (const effect of effects) {
      try {
        effect();
      } catch (error) {
        this.logger.error(`An after-commit effect failed: ${describe(error)}`);
      }
    }
  }
}
