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

/** A batch of the log read ahead: its events of the projection (opened), how many it read in all, where it ends. */
interface ReadAhead {
  relevant: StoredEvent[];
  count: number;
  point: CommitPoint;
}

/**
 * Rebuilds a projection from the log into fresh copies of its tables, while the live tables go
 * on serving, then swaps them in: in one short transaction it locks the live tables (waiting for
 * the live subscription's batch in progress), applies what the log gained meanwhile, renames
 * the tables and moves the subscription's checkpoint to where the fresh tables stand.
 *
 * The replay keeps PostgreSQL and Node.js busy at once: the next batch is read (and its personal
 * data opened) on another connection while the current one is written, and the fresh tables get
 * their secondary indexes after the replay, built once rather than row by row. The replay's
 * transactions commit without waiting for their WAL to reach the disk: nothing reads the fresh
 * tables before the swap, whose own commit waits for the WAL (and so for theirs); a crash before
 * it leaves only fresh tables that the next rebuild drops.
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
    const deferredIndexes: string[] = [];
    for (const table of tables) deferredIndexes.push(...(await this.createFresh(table)));
    const types = new Set(projection.options.events.map((event) => event.type));

    // Replay in short transactions, so that no long transaction holds back the other readers.
    let point = LOG_START;
    let events = 0;
    let next = this.readAhead(types, point);
    for (;;) {
      const batch = await next;
      if (batch.count === 0) break;
      next = this.readAhead(types, batch.point);
      await this.dataSource.transaction(async (db) => {
        await db.query(`set local synchronous_commit = off`);
        await dispatch(projection.handler, types, this.decode, batch.relevant, { db, table: fresh, afterCommit: () => undefined });
      });
      point = batch.point;
      events += batch.count;
    }
    for (const definition of deferredIndexes) await this.dataSource.query(definition);

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

  /**
   * Creates the fresh copy of a read table with its columns, constraints and unique indexes (an
   * upsert needs those); returns the statements that create its other indexes on the copy.
   */
  private async createFresh(table: string): Promise<string[]> {
    await this.dataSource.query(`drop table if exists ${fresh(table)}`);
    await this.dataSource.query(`create table ${fresh(table)} (like ${table} including all excluding indexes)`);
    const constraints: Array<{ definition: string }> = await this.dataSource.query(
      `select pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = $1::regclass and contype in ('p', 'u', 'x') order by oid`,
      [table],
    );
    for (const { definition } of constraints) await this.dataSource.query(`alter table ${fresh(table)} add ${definition}`);
    const indexes: Array<{ definition: string; unique: boolean }> = await this.dataSource.query(
      `select pg_get_indexdef(i.indexrelid) as definition, i.indisunique as unique from pg_index i
       where i.indrelid = $1::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
       order by i.indexrelid`,
      [table],
    );
    // The live index's definition on the copy, named by PostgreSQL as `like … including all` names it.
    const onFresh = (definition: string) => definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, `CREATE $1INDEX ON ${fresh(table)} `);
    for (const { definition } of indexes.filter((index) => index.unique)) await this.dataSource.query(onFresh(definition));
    return indexes.filter((index) => !index.unique).map(({ definition }) => onFresh(definition));
  }

  /**
   * The next batch after `after`, read and opened outside any replay transaction. A read ahead
   * that fails while the replay has failed already is not reported twice.
   */
  private readAhead(types: ReadonlySet<string>, after: CommitPoint): Promise<ReadAhead> {
    const reading = this.read(types, after);
    reading.catch(() => undefined);
    return reading;
  }

  private async read(types: ReadonlySet<string>, after: CommitPoint): Promise<ReadAhead> {
    const batch = await this.eventStore.readSealedInCommitOrder(after, BATCH);
    const last = batch.at(-1);
    return {
      relevant: await this.eventStore.open(batch.filter((stored) => types.has(stored.type))),
      count: batch.length,
      point: last ? { transactionId: last.transactionId, position: last.position } : after,
    };
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
