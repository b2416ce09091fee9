import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadDatabase } from '../../database/read-database';
import { isDatabaseUnavailable } from '../../shared/database-errors';
import { SubscriptionRunner } from './subscription-runner';

const RECHECK_MS = 50;

/**
 * Read-your-writes: waits until the given subscriptions have processed the event at a
 * position (a command's X-Event-Position), however they are spread over instances, on the
 * primary or on a streaming replica (which has the checkpoints, replicated with the read rows
 * committed with them: a replica whose checkpoint passed the position holds those rows).
 */
@Injectable()
export class ReadSideProgress {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: SubscriptionRunner,
    private readonly reads: ReadDatabase,
  ) {}

  async hasApplied(subscriptions: readonly string[], position: number, database: DataSource = this.dataSource): Promise<boolean> {
    const [{ applied }]: Array<{ applied: boolean }> = await database.query(
      `select count(*) = $2 as applied
       from subscription_checkpoints c join events e on e.position = $1
       where c.name = any($3) and (c.transaction_id, c.position) >= (e.transaction_id, e.position)`,
      [position, subscriptions.length, subscriptions],
    );
    return applied;
  }

  /**
   * True once applied on `database`; false if `timeoutMs` passed first, or as soon as
   * `keepWaiting` says the wait on this database is no longer worth it.
   */
  async waitFor(
    subscriptions: readonly string[],
    position: number,
    timeoutMs: number,
    database: DataSource = this.dataSource,
    keepWaiting: () => boolean = () => true,
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.hasApplied(subscriptions, position, database)) return true;
      const left = deadline - Date.now();
      if (left <= 0 || !keepWaiting()) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(RECHECK_MS, left));
        const stop = this.runner.onAdvanced(done);
        function done() {
          clearTimeout(timer);
          stop();
          resolve();
        }
      });
    }
  }

  /**
   * The database a query that needs `position` applied reads from: the replica, when reads go
   * there, once it has applied it, for as long as the replica stays within its lag bound (and
   * reachable); else the primary, once it has; null if neither did within `timeoutMs`.
   */
  async databaseFor(subscriptions: readonly string[], position: number, timeoutMs: number): Promise<DataSource | null> {
    const deadline = Date.now() + timeoutMs;
    const chosen = this.reads.current();
    if (this.reads.isReplica(chosen)) {
      try {
        if (await this.waitFor(subscriptions, position, timeoutMs, chosen, () => this.reads.current() === chosen)) return chosen;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        this.reads.replicaFailed(error);
      }
    }
    const primary = this.reads.primary;
    return (await this.waitFor(subscriptions, position, Math.max(0, deadline - Date.now()), primary)) ? primary : null;
  }
}
