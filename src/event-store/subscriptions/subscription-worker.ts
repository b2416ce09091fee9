import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '../../shared/database-errors';
import { Sleeper } from '../../shared/sleeper';
import { EventStore } from '../event-store';
import { CommitPoint, EventHeader, StoredEvent } from '../stored-event';
import { Checkpoint, Checkpoints, CheckpointMoved } from './checkpoints';
import { DeadLetters } from './dead-letters';
import { dispatch, DurableBatchHandler } from './durable-events-handler.decorator';
import { SubscriptionLocks } from './subscription-locks';
import { Subscription } from './subscription-registry';
import { SubscriptionSettings } from './subscription-settings';

export interface WorkerDependencies {
  dataSource: DataSource;
  eventStore: EventStore;
  checkpoints: Checkpoints;
  deadLetters: DeadLetters;
  locks: SubscriptionLocks;
  settings: SubscriptionSettings;
  decode: (stored: StoredEvent) => unknown;
  /** Called after every committed move of the checkpoint. */
  advanced: () => void;
}

/**
 * Events are committed after the checkpoint but not readable yet, because an older transaction
 * is still running (it may still append before them). Such transactions are short: look again
 * soon rather than at the next poll, since the one holding them back may not append anything
 * and so never send a wake-up.
 */
const UNSETTLED_RECHECK_MS = 15;

/**
 * An event could not be read, opened (its personal data), decoded or handled. Only such failures
 * count toward the failure policy: an unavailable database (see isDatabaseUnavailable) is
 * retried from the checkpoint without ever parking or stopping at an event nobody refused.
 */
class EventFailed extends Error {
  constructor(failure: unknown) {
    super(failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure));
  }
}

/** The failure of `error` as the event's, unless the database itself is unavailable. */
function asEventFailure(error: unknown): unknown {
  return isDatabaseUnavailable(error) || error instanceof EventFailed ? error : new EventFailed(error);
}

/** The next event after the checkpoint cannot be read at all. */
const UNREADABLE = Symbol('unreadable');

const pointOf = (stored: EventHeader): CommitPoint => ({ transactionId: stored.transactionId, position: stored.position });
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
    readonly options: Subscription,
    private readonly handler: DurableBatchHandler,
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
    /** Consecutive rounds the database was unavailable: reported once, retried ever more slowly. */
    let outage = 0;
    while (!this.sleeper.isClosed) {
      try {
        if (!(await locks.tryAcquire(this.options.name))) {
          await this.sleeper.idle(settings.lockRetryMs);
          continue;
        }
        const checkpoint = this.known ?? (await checkpoints.get(this.options.name));
        this.known = null;
        if (outage > 0) {
          this.logger.log(`The database is available again after ${outage} failed rounds; resuming`);
          outage = 0;
        }
        if (checkpoint.status === 'stopped') {
          await this.sleeper.idle(settings.pollMs);
          continue;
        }
        // Whatever a handler does beyond its transaction (a push, an email) waits for the commit
        // (afterCommit, an outbox), so a batch that fails leaves nothing behind and is retried
        // event by event.
        const batch = await this.readBatch(checkpoint);
        if (batch === UNREADABLE) {
          this.known = await this.passUnreadable(checkpoint);
        } else if (batch.length > 0) {
          this.known = await this.deliverBatch(checkpoint, batch);
          if (batch.length < settings.batchSize && settings.batchWindowMs > 0) await this.sleeper.pause(settings.batchWindowMs);
        } else if (await eventStore.hasCommittedAfter(checkpoint)) await this.sleeper.idle(UNSETTLED_RECHECK_MS);
        else await this.sleeper.idle(settings.pollMs);
      } catch (error) {
        if (error instanceof CheckpointMoved) {
          this.logger.warn(`${error.message}; giving the subscription up`);
          await locks.release(this.options.name);
        } else if (isDatabaseUnavailable(error)) {
          if (outage++ === 0) this.logger.warn(`The database is unavailable (${describe(error)}); retrying until it is back`);
          await this.sleeper.idle(Math.min(settings.retryBaseMs * 2 ** Math.min(outage - 1, 10), settings.pollMs));
          continue;
        } else {
          this.logger.error(`Subscription loop failed: ${describe(error)}`);
        }
        await this.sleeper.idle(settings.retryBaseMs);
      }
    }
  }

  /**
   * The next batch after `from`, personal data still sealed. When the batch cannot be read, the
   * events before the one that cannot are read one at a time, so that the failure lands on that
   * event: UNREADABLE once it is the next one.
   */
  private async readBatch(from: Checkpoint): Promise<StoredEvent[] | typeof UNREADABLE> {
    const { eventStore, settings } = this.deps;
    try {
      return await eventStore.readSealedInCommitOrder(from, settings.batchSize);
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
    }
    try {
      return await eventStore.readSealedInCommitOrder(from, 1);
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      return UNREADABLE;
    }
  }

  /** The next event cannot be read: retried, then stopped at or parked like a failed event. */
  private async passUnreadable(from: Checkpoint): Promise<Checkpoint | null> {
    const header = await this.deps.eventStore.nextInCommitOrder(from);
    if (!header) return null;
    const passed = await this.deliverWithRetries(from, header, async () => {
      const batch = await this.deps.eventStore.readSealedInCommitOrder(from, 1).catch((error: unknown) => {
        throw asEventFailure(error);
      });
      await this.deliver(from, batch);
    });
    return passed ? { ...from, ...pointOf(header) } : null;
  }

  /** Delivers a batch; returns the checkpoint it committed, or null if it stopped short. */
  private async deliverBatch(from: Checkpoint, batch: StoredEvent[]): Promise<Checkpoint | null> {
    const reached = (stored: StoredEvent): Checkpoint => ({ ...from, ...pointOf(stored) });
    try {
      await this.deliver(from, batch);
      return reached(batch[batch.length - 1]);
    } catch (error) {
      if (!(error instanceof EventFailed)) throw error;
      // Something in the batch failed: go event by event to find it and apply the policy.
      let checkpoint: CommitPoint = from;
      for (const stored of batch) {
        const at = checkpoint;
        if (!(await this.deliverWithRetries(at, stored, () => this.deliver(at, [stored])))) return null;
        checkpoint = pointOf(stored);
      }
      return reached(batch[batch.length - 1]);
    }
  }

  /**
   * Attempts the delivery of one event with exponential backoff, then applies the failure
   * policy; false when the subscription stopped or is closing.
   */
  private async deliverWithRetries(from: CommitPoint, event: EventHeader, attempt: () => Promise<void>): Promise<boolean> {
    const { settings, checkpoints, deadLetters, dataSource } = this.deps;
    for (let attempts = 1; ; attempts++) {
      try {
        await attempt();
        return true;
      } catch (error) {
        if (!(error instanceof EventFailed)) throw error;
        const failure = error.message;
        if (attempts < settings.maxAttempts) {
          this.logger.warn(`Attempt ${attempts} at ${event.type} #${event.position} failed: ${failure}`);
          await this.sleeper.pause(settings.retryBaseMs * 2 ** (attempts - 1));
          if (this.sleeper.isClosed) return false;
          continue;
        }
        if (this.options.onFailure === 'stop') {
          await checkpoints.stop(this.options.name, event.position, failure);
          this.logger.error(`Stopped at ${event.type} #${event.position} after ${attempts} attempts: ${failure}`);
          return false;
        }
        await dataSource.transaction(async (db) => {
          await deadLetters.park(db, this.options.name, event, attempts, failure);
          await checkpoints.advance(db, this.options.name, from, pointOf(event));
        });
        this.deps.advanced();
        this.logger.error(`Parked ${event.type} #${event.position} after ${attempts} attempts: ${failure}`);
        return true;
      }
    }
  }

  /**
   * Opens, decodes and hands the batch's events of this subscription to the handler, and moves
   * the checkpoint past the batch, in one transaction.
   */
  private async deliver(from: CommitPoint, batch: StoredEvent[]): Promise<void> {
    const effects: Array<() => void> = [];
    await this.deps.dataSource.transaction(async (db) => {
      try {
        const relevant = await this.deps.eventStore.open(
          batch.filter((stored) => this.types.has(stored.type)),
          db,
        );
        await dispatch(this.handler, this.types, this.deps.decode, relevant, { db, table: (name) => name, afterCommit: (effect) => effects.push(effect) });
      } catch (error) {
        throw asEventFailure(error);
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
