import { QueryRunner } from 'typeorm';

/** Indexes on the event log by name, each with its definition after the name (`on events (...) where ...`). */
export type IndexDefinitions = Record<string, string>;

/**
 * Builds each index concurrently, so that writes go on while it is built (the migration runs
 * outside a transaction: `transaction = false`). A concurrent build that was interrupted leaves an
 * invalid index behind, which is dropped and built again; a valid one is kept.
 */
export async function createIndexesConcurrently(db: QueryRunner, indexes: IndexDefinitions): Promise<void> {
  for (const [name, definition] of Object.entries(indexes)) {
    const [left] = (await db.query(`select not i.indisvalid as invalid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = $1`, [
      name,
    ])) as Array<{ invalid: boolean } | undefined>;
    if (left?.invalid) await db.query(`drop index concurrently ${name}`);
    await db.query(`create index concurrently if not exists ${name} ${definition}`);
  }
}

/** Drops each index concurrently, if it is there. */
export async function dropIndexesConcurrently(db: QueryRunner, indexes: IndexDefinitions): Promise<void> {
  for (const name of Object.keys(indexes)) await db.query(`drop index concurrently if exists ${name}`);
}
