import { AppConfig } from '../config/app-config';
import { ensureDatabase, withDatabaseName } from './database-url';
import { EmbeddedServerRole } from './embedded-server-owner';
import { openEmbeddedServer } from './embedded-server';

const EMBEDDED_DATABASE = 'clinic';

export interface DatabaseServer {
  url: string;
  /** Stops the embedded server when this process owns it; a no-op for an external DATABASE_URL. */
  stop(): Promise<void>;
}

/**
 * The configured DATABASE_URL, or the `clinic` database on the embedded PostgreSQL of
 * EMBEDDED_POSTGRES_DIR: the one already running there (an application's, so that commands
 * work beside it) or one started for this process.
 */
export async function openDatabaseServer(config: AppConfig, log: (message: string) => void, role: EmbeddedServerRole = 'app'): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: () => Promise.resolve() };
  log('DATABASE_URL is unset: using the embedded PostgreSQL');
  const server = await openEmbeddedServer({ dataDir: config.embeddedPostgresDir, port: config.embeddedPostgresPort, role, log });
  try {
    await ensureDatabase(server.url, EMBEDDED_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: withDatabaseName(server.url, EMBEDDED_DATABASE), stop: () => server.stop() };
}
