import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppendSignal } from '../../event-store/append-signal';
import { Metrics } from '../../observability/metrics';

/**
 * The events appended in a transaction, told once it has committed: the AppendSignal raised (so
 * that this instance's subscriptions read them at once) and events_appended_total counted. A
 * command run `within` a caller's transaction records the types it appended here rather than
 * telling anyone itself: before the commit the subscriptions would read too early, and a
 * transaction that rolls back appended nothing. The transaction's owner calls `committed` once
 * its commit is through; what a rolled-back transaction recorded is forgotten with its
 * EntityManager.
 */
@Injectable()
export class TransactionAppends {
  private readonly pending = new WeakMap<EntityManager, string[]>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly appendSignal: AppendSignal,
    private readonly metrics: Metrics,
  ) {}

  /** Inside the caller's transaction `db`: the types a command appended, to be told after its commit. */
  record(db: EntityManager, types: readonly string[]): void {
    if (types.length === 0) return;
    const recorded = this.pending.get(db);
    if (recorded) recorded.push(...types);
    else this.pending.set(db, [...types]);
  }

  /** How much has been recorded in `db` so far: where to roll back to when a savepoint set now is rolled back. */
  mark(db: EntityManager): number {
    return this.pending.get(db)?.length ?? 0;
  }

  /** A savepoint of `db` set at `mark` was rolled back: what was recorded in `db` since was never appended. */
  rollbackTo(db: EntityManager, mark: number): void {
    this.pending.get(db)?.splice(mark);
  }

  /**
   * The transaction `db` has committed: tells what was recorded in it, with `own`, the types its
   * owner appended itself (no `db`: a command that committed on its own).
   */
  committed(db: EntityManager | undefined, own: readonly string[] = []): void {
    const types = [...(db ? (this.pending.get(db) ?? []) : []), ...own];
    if (db) this.pending.delete(db);
    if (types.length === 0) return;
    this.appendSignal.raise();
    this.metrics.eventsAppended(types);
  }

  /** Runs `work` in a transaction of its own, and tells what was recorded in it once it has committed. */
  async transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    let transaction: EntityManager | undefined;
    const result = await this.dataSource.transaction((db) => {
      transaction = db;
      return work(db);
    });
    this.committed(transaction);
    return result;
  }
}
