import { DataSourceOptions } from 'typeorm';
import { REFERENCE_DATA_ENTITIES } from '../reference-data/reference-data.module';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';

/** Migrations in the order they run; the schema is never synchronized from entities. */
export const MIGRATIONS = [InitialSchema1764000000000];

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: REFERENCE_DATA_ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Each command holds one connection for its transaction; bookings racing for one slot
    // wait on each other inside PostgreSQL, not in the pool.
    extra: { max: 20 },
  };
}
