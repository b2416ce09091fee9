import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface Snapshot<S> {
  version: number;
  state: S;
}

/**
 * Snapshots of an aggregate's state at a version, so that loading a long stream reads the
 * latest snapshot and only the events after it. A snapshot written by an older state schema is
 * ignored (the stream is replayed instead), so changing the state's shape needs no migration.
 */
@Injectable()
export class SnapshotStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async save<S>(db: EntityManager, aggregateId: string, version: number, schemaVersion: number, state: S): Promise<void> {
    await db.query(
      `insert into snapshots (aggregate_id, version, schema_version, state) values ($1, $2, $3, $4)
       on conflict (aggregate_id, version) do nothing`,
      [aggregateId, version, schemaVersion, JSON.stringify(state)],
    );
  }

  /** The newest snapshot at or below `maxVersion` written with `schemaVersion`. */
  async latest<S>(
    aggregateId: string,
    schemaVersion: number,
    maxVersion?: number,
    db: EntityManager = this.dataSource.manager,
  ): Promise<Snapshot<S> | null> {
    const rows: Array<{ version: number; state: S }> = await db.query(
      `select version, state from snapshots
       where aggregate_id = $1 and schema_version = $2 and ($3::int is null or version <= $3)
       order by version desc limit 1`,
      [aggregateId, schemaVersion, maxVersion ?? null],
    );
    return rows[0] ?? null;
  }
}
