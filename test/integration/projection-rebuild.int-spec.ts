import { ProjectionRebuilder } from '../../src/event-store/subscriptions/projection-rebuilder';
import { readTablesOf } from '../../src/event-store/subscriptions/subscription-registry';
import { SUBSCRIPTION_REGISTRY } from '../../src/subscription-registry';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A read table's shape as PostgreSQL describes it, without the names it gave the indexes and
 * constraints (a copy's indexes are named after the copy): its columns, its constraints and
 * its indexes.
 */
async function shapeOf(t: TestApp, table: string) {
  const columns: unknown[] = await t.dataSource.query(
    `select column_name, data_type, is_nullable, column_default from information_schema.columns
     where table_schema = current_schema() and table_name = $1 order by ordinal_position`,
    [table],
  );
  const constraints: Array<{ definition: string }> = await t.dataSource.query(
    `select contype::text || ' ' || pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = $1::regclass order by 1`,
    [table],
  );
  const indexes: Array<{ definition: string }> = await t.dataSource.query(
    `select regexp_replace(pg_get_indexdef(indexrelid), '^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ ', 'CREATE \\1INDEX ON ') as definition
     from pg_index where indrelid = $1::regclass order by 1`,
    [table],
  );
  return { columns, constraints: constraints.map((c) => c.definition), indexes: indexes.map((i) => i.definition) };
}

describe('Rebuilding a projection', () => {
  let t: TestApp;
  const rebuildable = SUBSCRIPTION_REGISTRY.rebuildable();

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(rebuildable.map((entry) => [entry.name, entry] as const))(
    'given %s, when it is rebuilt (its secondary indexes made after the replay), then its tables have the columns, constraints and indexes they had',
    async (name, entry) => {
      const tables = readTablesOf(entry);
      const before = await Promise.all(tables.map((table) => shapeOf(t, table)));
      expect(before.every((shape) => shape.indexes.length > 0)).toBe(true);

      await t.app.get(ProjectionRebuilder).rebuild(name);

      expect(await Promise.all(tables.map((table) => shapeOf(t, table)))).toEqual(before);
      const copies: unknown[] = await t.dataSource.query(`select 1 from pg_class where relname = any($1::text[])`, [tables.map((table) => `${table}__rebuild`)]);
      expect(copies).toEqual([]);
    },
  );
});
