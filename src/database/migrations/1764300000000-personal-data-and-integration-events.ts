import { MigrationInterface, QueryRunner } from 'typeorm';
import { newDataKey, seal } from '../../event-store/personal-data/personal-data-cipher';

/** Free-text fields of the event types written before personal data was sealed. */
const LEGACY_PERSONAL_FIELDS: Record<string, string> = {
  AppointmentCreated: 'title',
  AppointmentReassigned: 'comment',
  AppointmentCancelled: 'reason',
};

/** Per-subject keys for personal data, the public integration event feed and its publisher's cursor. */
export class PersonalDataAndIntegrationEvents1764300000000 implements MigrationInterface {
  name = 'PersonalDataAndIntegrationEvents1764300000000';

  async up(db: QueryRunner): Promise<void> {
    // One key per data subject (a patient). Erasure sets `key` to null and keeps the row as a
    // tombstone, so that nothing is ever sealed again with a fresh key for that subject.
    await db.query(`
      create table personal_data_keys (
        subject_id text primary key,
        key bytea,
        created_at timestamptz not null default now(),
        erased_at timestamptz,
        check ((key is null) = (erased_at is not null))
      )`);

    // The public feed. `position` is assigned 1, 2, 3, ... by the single writer (the
    // integration-events subscription holds its lock and moves its checkpoint in the same
    // transaction), so the feed has no gaps and a reader never sees position n before n - 1.
    await db.query(`
      create table integration_events (
        position bigint primary key,
        event_id uuid not null unique,
        event_type text not null,
        appointment_id uuid not null,
        source_event_id uuid not null unique,
        event jsonb not null
      )`);

    // How far each publisher of the feed (NATS JetStream) has been acknowledged.
    await db.query(`
      create table publication_cursors (
        name text primary key,
        position bigint not null default 0
      )`);

    await this.sealLegacyPersonalData(db);
  }

  /**
   * Events written before this migration hold their free text in plain: seal it now with new
   * per-patient keys. The one sanctioned rewrite of the log: the append-only trigger is off only
   * inside this migration's transaction. Snapshots are a cache and are dropped, not rewritten.
   */
  private async sealLegacyPersonalData(db: QueryRunner): Promise<void> {
    const rows = (await db.query(`select position, event_type, data from events where event_type = any($1::text[]) order by position`, [
      Object.keys(LEGACY_PERSONAL_FIELDS),
    ])) as Array<{ position: string; event_type: string; data: Record<string, unknown> }>;
    const keys = new Map<string, Buffer>();
    await db.query(`alter table events disable trigger events_no_update_or_delete`);
    for (const row of rows) {
      const field = LEGACY_PERSONAL_FIELDS[row.event_type];
      const patientId = String(row.data.patientId);
      const text = row.data[field];
      if (typeof text !== 'string') continue;
      let key = keys.get(patientId);
      if (key === undefined) {
        key = newDataKey();
        keys.set(patientId, key);
      }
      const data = { ...row.data, [field]: seal(key, patientId, text) };
      await db.query(`update events set data = $2 where position = $1`, [row.position, JSON.stringify(data)]);
    }
    await db.query(`alter table events enable trigger events_no_update_or_delete`);
    for (const [patientId, key] of keys) {
      await db.query(`insert into personal_data_keys (subject_id, key) values ($1, $2)`, [patientId, key]);
    }
    await db.query(`delete from snapshots`);
  }

  /** Dropping the keys leaves every sealed value unreadable: going down erases all personal data in events. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists publication_cursors`);
    await db.query(`drop table if exists integration_events`);
    await db.query(`drop table if exists personal_data_keys`);
  }
}
