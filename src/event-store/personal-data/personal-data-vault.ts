import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isSealed, newDataKey, REDACTED, seal, unseal } from './personal-data-cipher';
import { PersonalDataLocation } from './personal-data-policy';
import { storableText } from './storable-text';

/** A record (event data or snapshot state) and where its personal data sits. */
export interface PersonalRecord<T> {
  value: T;
  location: PersonalDataLocation | null;
}

interface KeyRow {
  subject_id: string;
  key: Buffer | null;
}

/**
 * Crypto-shredding: personal data is stored only sealed with its subject's key, one key per
 * data subject in `personal_data_keys`. Erasing the key makes every copy of that data, in every
 * event and snapshot ever written, unreadable at once, while the records themselves stay intact
 * (the log is append-only). An erased key leaves a tombstone, so nothing is sealed with a fresh
 * key after an erasure.
 */
@Injectable()
export class PersonalDataVault {
  /**
   * Seals the personal fields of records about to be written in `db`'s transaction. The subjects'
   * key rows stay locked until that transaction ends, so an erasure waits for it; a record
   * written for a subject already erased is written redacted.
   */
  async seal<T>(db: EntityManager, records: ReadonlyArray<PersonalRecord<T>>): Promise<T[]> {
    return (await this.sealAndShow(db, records)).map((record) => record.stored);
  }

  /** Like `seal`, also giving each record as readers will see it: plaintext, or redacted if erased. */
  async sealAndShow<T>(db: EntityManager, records: ReadonlyArray<PersonalRecord<T>>): Promise<Array<{ stored: T; visible: T }>> {
    const subjects = subjectsOf(records, needsKey);
    if (subjects.length === 0) return records.map((record) => ({ stored: record.value, visible: record.value }));
    const rows: KeyRow[] = await db.query(
      `insert into personal_data_keys (subject_id, key)
       select subject, key from unnest($1::text[], $2::bytea[]) as s(subject, key) order by subject
       on conflict (subject_id) do update set key = personal_data_keys.key
       returning subject_id, key`,
      [subjects, subjects.map(() => newDataKey())],
    );
    const keys = keysBySubject(rows);
    return records.map(({ value, location }) => {
      const key = location ? keys.get(location.subjectId) : undefined;
      return {
        stored: mapFields(value, location, (field, { subjectId }) => (!needsKey(field) ? field : key ? seal(key, subjectId, field) : REDACTED)),
        visible: mapFields(value, location, (field) => (!needsKey(field) ? field : key ? storableText(field) : REDACTED)),
      };
    });
  }

  /** The records with their personal fields decrypted, or redacted where the key is erased. */
  async open<T>(db: EntityManager, records: ReadonlyArray<PersonalRecord<T>>): Promise<T[]> {
    const subjects = subjectsOf(records, isSealed);
    if (subjects.length === 0) return records.map((record) => record.value);
    const rows: KeyRow[] = await db.query(`select subject_id, key from personal_data_keys where subject_id = any($1::text[])`, [subjects]);
    const keys = keysBySubject(rows);
    return records.map(({ value, location }) =>
      mapFields(value, location, (stored, { subjectId }) => {
        if (!isSealed(stored)) return stored;
        const key = keys.get(subjectId);
        return key ? storableText(unseal(key, subjectId, stored)) : REDACTED;
      }),
    );
  }

  /** Erases a subject's key for good, waiting for transactions that are sealing with it. */
  async erase(db: EntityManager, subjectId: string): Promise<void> {
    await db.query(
      `insert into personal_data_keys (subject_id, key, erased_at) values ($1, null, now())
       on conflict (subject_id) do update set key = null, erased_at = coalesce(personal_data_keys.erased_at, now())`,
      [subjectId],
    );
  }
}

/** Plaintext personal data is a string, whatever it says; a sealed value is an object (see personal-data-cipher). */
function needsKey(field: unknown): field is string {
  return typeof field === 'string';
}

function subjectsOf<T>(records: ReadonlyArray<PersonalRecord<T>>, wanted: (value: unknown) => boolean): string[] {
  const subjects = new Set<string>();
  for (const { value, location } of records) {
    if (location && location.fields.some((field) => wanted((value as Record<string, unknown>)[field]))) subjects.add(location.subjectId);
  }
  return [...subjects];
}

function keysBySubject(rows: KeyRow[]): Map<string, Buffer> {
  return new Map(rows.filter((row) => row.key !== null).map((row) => [row.subject_id, row.key as Buffer]));
}

/** `value` with each personal field at `location` replaced by `map` of it (given the location too). */
function mapFields<T>(value: T, location: PersonalDataLocation | null, map: (field: unknown, location: PersonalDataLocation) => unknown): T {
  if (!location) return value;
  const copy = { ...(value as Record<string, unknown>) };
  for (const field of location.fields) {
    if (field in copy) copy[field] = map(copy[field], location);
  }
  return copy as T;
}
