import { MigrationInterface, QueryRunner } from 'typeorm';
import { isSealed, newDataKey, seal, unseal } from '../../event-store/personal-data/personal-data-cipher';

/** Free-text fields of the event types that held personal data when this migration was written. */
const PERSONAL_FIELDS: Record<string, string> = {
  AppointmentCreated: 'title',
  AppointmentReassigned: 'comment',
  AppointmentCancelled: 'reason',
};

/** How a sealed value was written before: a string with this prefix (told apart by content). */
const LEGACY_PREFIX = 'pd1:';

interface LegacyRow {
  position: string;
  event_type: string;
  data: Record<string, unknown>;
}

/**
 * Sealed values become objects (`{ sealed }`) instead of `pd1:`-prefixed strings, so that no
 * plaintext can pass for a sealed value. A stored `pd1:` string is either a real sealed value
 * (it decrypts with its patient's key, or the key is erased) or text a client sent that only
 * looked sealed and was stored in the clear: that one is sealed now, with its patient's key.
 * Like the first sealing, the one sanctioned rewrite of the log (the append-only trigger is off
 * only inside this transaction); snapshots are a cache and are dropped.
 */
export class StructuralSealing1764400000000 implements MigrationInterface {
  name = 'StructuralSealing1764400000000';

  async up(db: QueryRunner): Promise<void> {
    const rows = (await db.query(
      `select position, event_type, data from events
       where event_type = any($1::text[])
         and exists (select 1 from jsonb_each(data) f where jsonb_typeof(f.value) = 'string' and f.value #>> '{}' like 'pd1:%')
       order by position`,
      [Object.keys(PERSONAL_FIELDS)],
    )) as LegacyRow[];
    const keys = await this.keysOf(db, rows);
    const created = new Map<string, Buffer>();
    await db.query(`alter table events disable trigger events_no_update_or_delete`);
    for (const row of rows) {
      const field = PERSONAL_FIELDS[row.event_type];
      const value = row.data[field];
      if (typeof value !== 'string' || !value.startsWith(LEGACY_PREFIX)) continue;
      const patientId = String(row.data.patientId);
      let key = keys.get(patientId);
      if (key === undefined) {
        key = newDataKey();
        keys.set(patientId, key);
        created.set(patientId, key);
      }
      await db.query(`update events set data = $2 where position = $1`, [row.position, JSON.stringify({ ...row.data, [field]: converted(key, patientId, value) })]);
    }
    await db.query(`alter table events enable trigger events_no_update_or_delete`);
    for (const [patientId, key] of created) {
      await db.query(`insert into personal_data_keys (subject_id, key) values ($1, $2)`, [patientId, key]);
    }
    await db.query(`delete from snapshots`);
  }

  /** Each patient's key: a Buffer, null when erased; patients without a row are absent. */
  private async keysOf(db: QueryRunner, rows: LegacyRow[]): Promise<Map<string, Buffer | null>> {
    const patients = [...new Set(rows.map((row) => String(row.data.patientId)))];
    const stored = (await db.query(`select subject_id, key from personal_data_keys where subject_id = any($1::text[])`, [patients])) as Array<{
      subject_id: string;
      key: Buffer | null;
    }>;
    return new Map(stored.map((row) => [row.subject_id, row.key]));
  }

  /** Back to `pd1:` strings; values sealed by `up` stay sealed (they decrypt the old way too). */
  async down(db: QueryRunner): Promise<void> {
    const rows = (await db.query(`select position, event_type, data from events where event_type = any($1::text[]) order by position`, [
      Object.keys(PERSONAL_FIELDS),
    ])) as LegacyRow[];
    await db.query(`alter table events disable trigger events_no_update_or_delete`);
    for (const row of rows) {
      const field = PERSONAL_FIELDS[row.event_type];
      const value = row.data[field];
      if (!isSealed(value)) continue;
      await db.query(`update events set data = $2 where position = $1`, [row.position, JSON.stringify({ ...row.data, [field]: LEGACY_PREFIX + value.sealed })]);
    }
    await db.query(`alter table events enable trigger events_no_update_or_delete`);
    await db.query(`delete from snapshots`);
  }
}

/** The new form of one stored `pd1:` string. */
function converted(key: Buffer | null, patientId: string, value: string): unknown {
  const candidate = { sealed: value.slice(LEGACY_PREFIX.length) };
  // An erased subject's values read as redacted whatever they held: no key, nothing to tell apart.
  if (key === null) return candidate;
  try {
    unseal(key, patientId, candidate);
    return candidate;
  } catch {
    return seal(key, patientId, value);
  }
}
