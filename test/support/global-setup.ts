import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * One PostgreSQL server for the whole test run: the one named by DATABASE_URL, or else an
 * embedded one (as on a fresh clone). Test files create their own databases on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const server = await startEmbeddedPostgres({ dataDir: join(__dirname, '..', '..', '.data', 'test-postgres'), port: 54339 });
  process.env.TEST_DATABASE_SERVER_URL = server.url;
  (globalThis as { embeddedPostgres?: { stop(): Promise<void> } }).embeddedPostgres = server;
}
