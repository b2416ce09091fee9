import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { ensureDatabase, withDatabaseName } from './database-url';
import { startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATA_DIR = join(process.cwd(), '.data', 'postgres');
export const EMBEDDED_PORT = 54329;
const EMBEDDED_DATABASE = 'clinic';

export interface DatabaseServer {
  url: string;
  /** Stops the embedded server; a no-op for an external DATABASE_URL. */
  stop(): Promise<void>;
}

/** The configured DATABASE_URL, or a database on an embedded PostgreSQL under `.data/`. */
export async function openDatabaseServer(config: AppConfig, log: (message: string) => void): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  log(`DATABASE_URL is unset: starting the embedded PostgreSQL in ${EMBEDDED_DATA_DIR} on port ${EMBEDDED_PORT}`);
  const server = await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR, port: EMBEDDED_PORT });
  await ensureDatabase(server.url, EMBEDDED_DATABASE);
  return { url: withDatabaseName(server.url, EMBEDDED_DATABASE), stop: () => server.stop() };
}
