import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventStore } from '../event-store';
import { CommitPoint, LOG_START, StoredEvent } from '../stored-event';
import { Checkpoints } from './checkpoints';
import { dispatch } from './durable-events-handler.decorator';
import { readTablesOf, SubscriptionRegistry } from './subscription-registry';
import { DiscoveredHandler, SubscriptionRunner } from './subscription-runner';
import { EVENT_DECODER } from './subscription-settings';

const BATCH = 1000;
const fresh = (table: string) => `${table}__rebuild`;

/**
 * Rebuilds a projection from the log into fresh copies of its tables, while the live tables go
 * on serving, then swaps them in: in one short transaction it locks the live tables (waiting for
 * the live subscription's batch in progress), applies what the log gained meanwhile, renames
 * the tables and moves the subscription's checkpoint to where the fresh tables stand.
 */
@Injectable()
export class ProjectionRebuilder {
  private readonly logger = new Logger('ProjectionRebuilder');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: SubscriptionRunner,
    private readonly registry: SubscriptionRegistry,
    private readonly eventStore: EventStore,
    private readonly checkpoints: Checkpoints,
    @Inject(EVENT_DECODER) private readonly decode: (stored: StoredEvent) => unknown,
  ) {}

  /** The projections that can be rebuilt: the registry's rebuildable subscriptions. */
  projections(): string[] {
    return this.registry.rebuildable().map((entry) => entry.name);
  }

  async rebuild(name: string): Promise<{ events: number }> {
    const projection = this.runner.discovered().find(({ options }) => options.name === name);
    if (!projection || !this.projections().includes(name)) {
      throw new Error(`No projection named ${name}; projections: ${this.projections().join(', ')}`);
    }
    const tables = readTablesOf(projection.options);
    for (const table of tables) {
      await this.dataSource.query(`drop table if exists ${fresh(table)}`);
      await this.dataSource.query(`create table ${fresh(table)} (like ${table} including all)`);
    }

    // Replay in short transactions, so that no long transaction holds back the other readers.
    let point = LOG_START;
    let events = 0;
    for (;;) {
      const applied = await this.dataSource.transaction((db) => this.apply(db, projection, point));
      if (applied.count === 0) break;
      point = applied.point;
      events += applied.count;
    }

    await this.dataSource.transaction(async (db) => {
      for (const table of tables) await db.query(`lock table ${table} in access exclusive mode`);
      await db.query(`select 1 from subscription_checkpoints where name = $1 for update`, [name]);
      for (;;) {
        const applied = await this.apply(db, projection, point);
        if (applied.count === 0) break;
        point = applied.point;
        events += applied.count;
      }
      for (const table of tables) {
        await db.query(`alter table ${table} rename to ${table}__old`);
        await db.query(`alter table ${fresh(table)} rename to ${table}`);
        await db.query(`drop table ${table}__old`);
      }
      await this.checkpoints.reset(db, name, point);
    });
    this.logger.log(`Rebuilt ${name} from ${events} events`);
    return { events };
  }

  /** Applies the next batch after `after` to the fresh tables. */
  private async apply(db: EntityManager, { options, handler }: DiscoveredHandler, after: CommitPoint) {
    const batch = await this.eventStore.readInCommitOrder(after, BATCH, db);
    const types = new Set(options.events.map((event) => event.type));
    await dispatch(handler, types, this.decode, batch, { db, table: fresh, afterCommit: () => undefined });
    const last = batch.at(-1);
    return { count: batch.length, point: last ? { transactionId: last.transactionId, position: last.position } : after };
  }
}
