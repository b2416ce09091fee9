import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase, withDatabaseName } from '../src/database/database-url';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

export interface BenchDatabase {
  url: string;
  /** Which server, for the report: "PostgreSQL 15.19 at 127.0.0.1:5432" or "embedded PostgreSQL 17.x". */
  description: string;
  close(): Promise<void>;
}

/**
 * A fresh database for one bench run: on the server of DATABASE_URL when it is set, else on an
 * embedded PostgreSQL of its own under .data/bench-postgres (never the app's or the tests').
 * The database is dropped at the end.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  const embedded = external ? null : await startEmbeddedPostgres({ dataDir: join(process.cwd(), '.data', 'bench-postgres'), port: 54349 });
  const serverUrl = embedded ? embedded.url : (external ?? '');
  const name = `clinic_bench_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(serverUrl, name);
  const url = withDatabaseName(serverUrl, name);

  const client = new Client({ connectionString: url });
  await client.connect();
  const [{ server_version }] = (await client.query<{ server_version: string }>('show server_version')).rows;
  await client.end();
  const where = new URL(serverUrl);
  return {
    url,
    description: `${embedded ? 'embedded ' : ''}PostgreSQL ${server_version} at ${where.hostname}:${where.port || 5432}`,
    close: async () => {
      await dropDatabase(serverUrl, name);
      await embedded?.stop();
    },
  };
}
