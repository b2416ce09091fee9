import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PERSONAL_DATA_POLICY, PersonalDataPolicy } from './personal-data/personal-data-policy';
import { PersonalDataVault } from './personal-data/personal-data-vault';

export interface Snapshot<S> {
  version: number;
  state: S;
}

export interface SnapshotStream {
  aggregateId: string;
  aggregateType: string;
}

/**
 * Snapshots of an aggregate's state at a version, so that loading a long stream reads the
 * latest snapshot and only the events after it. A snapshot written by an older state schema is
 * ignored (the stream is replayed instead), so changing the state's shape needs no migration.
 * Personal data in a state is sealed like in events, so erasing a subject's key erases it here too.
 */
@Injectable()
export class SnapshotStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: PersonalDataVault,
    @Inject(PERSONAL_DATA_POLICY) private readonly policy: PersonalDataPolicy,
  ) {}

  async save(db: EntityManager, stream: SnapshotStream, version: number, schemaVersion: number, state: object): Promise<void> {
    const [sealed] = await this.vault.seal(db, [{ value: state, location: this.policy.forSnapshot(stream.aggregateType, state as Record<string, unknown>) }]);
    await db.query(
      `insert into snapshots (aggregate_id, version, schema_version, state) values ($1, $2, $3, $4)
       on conflict (aggregate_id, version) do nothing`,
      [stream.aggregateId, version, schemaVersion, JSON.stringify(sealed)],
    );
  }

  /** The newest snapshot at or below `maxVersion` written with `schemaVersion`. */
  async latest<S extends object>(
    stream: SnapshotStream,
    schemaVersion: number,
    maxVersion?: number,
    db: EntityManager = this.dataSource.manager,
  ): Promise<Snapshot<S> | null> {
    const rows: Array<{ version: number; state: S }> = await db.query(
      `select version, state from snapshots
       where aggregate_id = $1 and schema_version = $2 and ($3::int is null or version <= $3)
       order by version desc limit 1`,
      [stream.aggregateId, schemaVersion, maxVersion ?? null],
    );
    if (rows.length === 0) return null;
    const [{ version, state }] = rows;
    const [opened] = await this.vault.open(db, [{ value: state, location: this.policy.forSnapshot(stream.aggregateType, state as Record<string, unknown>) }]);
    return { version, state: opened };
  }
}
