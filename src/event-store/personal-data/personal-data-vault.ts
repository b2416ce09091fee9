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
 * The keys of some subjects as a command read them: a subject absent has no key yet, null is an
 * erased one (its tombstone).
 */
export type Keyring = ReadonlyMap<string, Buffer | null>;

/** The keys a command sealed with, for its commit to check under the key rows' locks (null: sealed redacted). */
export interface KeyUsed {
  subject: string;
  key: Buffer | null;
}

/**
 * A select-list expression reading the keys of the subjects in its parameter `$1` (text[]):
 * `[{ subject, key }]`, the key in base64 (null when erased). See `keyring`.
 */
export const KEYS_READ_SQL = `(select coalesce(json_agg(json_build_object('subject', subject_id, 'key', encode(key, 'base64'))), '[]'::json)
   from personal_data_keys where subject_id = any($1::text[]))`;

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
    return sealedAndShown(keysBySubject(rows), records);
  }

  /** The keyring of the rows KEYS_READ_SQL gave. */
  keyring(rows: ReadonlyArray<{ subject: string; key: string | null }>): Keyring {
    return new Map(rows.map((row) => [row.subject, row.key === null ? null : Buffer.from(row.key, 'base64')]));
  }

  /** The subjects whose keys sealing these records needs (those with plaintext personal data). */
  subjectsToSeal<T>(records: ReadonlyArray<PersonalRecord<T>>): string[] {
    return subjectsOf(records, needsKey);
  }

  /** The subjects whose keys opening these records needs (those with sealed personal data). */
  subjectsToOpen<T>(records: ReadonlyArray<PersonalRecord<T>>): string[] {
    return subjectsOf(records, isSealed);
  }

  /**
   * Seals records with keys read beforehand, in the command's own time: a subject without a key
   * gets a new one, an erased subject's data is written redacted. What was used goes to the
   * commit, which writes the new keys and refuses the command (to run it again) if any key is
   * not what was read any more; until then nothing holds the key rows.
   */
  sealWith<T>(keyring: Keyring, records: ReadonlyArray<PersonalRecord<T>>): { records: Array<{ stored: T; visible: T }>; used: KeyUsed[] } {
    const subjects = subjectsOf(records, needsKey);
    const used = subjects.map((subject) => ({ subject, key: keyring.has(subject) ? (keyring.get(subject) as Buffer | null) : newDataKey() }));
    const keys = new Map(used.filter((entry) => entry.key !== null).map((entry) => [entry.subject, entry.key as Buffer]));
    return { records: sealedAndShown(keys, records), used };
  }

  /** The records opened with keys read beforehand (see `open`). */
  openWith<T>(keyring: Keyring, records: ReadonlyArray<PersonalRecord<T>>): T[] {
    const keys = new Map([...keyring].filter((entry): entry is [string, Buffer] => entry[1] !== null));
    return openedWith(keys, records);
  }

  /** The records with their personal fields decrypted, or redacted where the key is erased. */
  async open<T>(db: EntityManager, records: ReadonlyArray<PersonalRecord<T>>): Promise<T[]> {
    const subjects = subjectsOf(records, isSealed);
    if (subjects.length === 0) return records.map((record) => record.value);
    const rows: KeyRow[] = await db.query(`select subject_id, key from personal_data_keys where subject_id = any($1::text[])`, [subjects]);
    return openedWith(keysBySubject(rows), records);
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

/** Each record as stored (sealed with its subject's key, or redacted without one) and as readers will see it. */
function sealedAndShown<T>(keys: ReadonlyMap<string, Buffer>, records: ReadonlyArray<PersonalRecord<T>>): Array<{ stored: T; visible: T }> {
  return records.map(({ value, location }) => {
    const key = location ? keys.get(location.subjectId) : undefined;
    return {
      stored: mapFields(value, location, (field, { subjectId }) => (!needsKey(field) ? field : key ? seal(key, subjectId, field) : REDACTED)),
      visible: mapFields(value, location, (field) => (!needsKey(field) ? field : key ? storableText(field) : REDACTED)),
    };
  });
}

function openedWith<T>(keys: ReadonlyMap<string, Buffer>, records: ReadonlyArray<PersonalRecord<T>>): T[] {
  return records.map(({ value, location }) =>
    mapFields(value, location, (stored, { subjectId }) => {
      if (!isSealed(stored)) return stored;
      const key = keys.get(subjectId);
      return key ? storableText(unseal(key, subjectId, stored)) : REDACTED;
    }),
  );
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
