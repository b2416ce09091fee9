import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { withDatabaseName } from '../../src/database/database-url';
import { eventually } from './eventually';
import { freePort } from './app-process';

const run = promisify(execFile);

/**
 * The primary of the replica tests: this machine's PostgreSQL server (Debian's, whose binaries
 * make the replica), also when the rest of the run uses an embedded server.
 */
export const REPLICA_PRIMARY_URL = process.env.TEST_REPLICA_PRIMARY_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The line that lets pg_basebackup and the standby stream WAL from the primary over loopback. */
const REPLICATION_HBA_LINE = 'host replication all 127.0.0.1/32 trust';

export interface ReadReplica {
  /** The URL of `database` (a database of the primary) on the replica. */
  url(database: string): string;
  /** `pg_wal_replay_pause()` / `pg_wal_replay_resume()` on the replica. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops the replica's server (it can be started again). */
  stop(): Promise<void>;
  /** Stops it if running and removes its data directory. */
  remove(): Promise<void>;
}

/** Runs a PostgreSQL program as the `postgres` user when the tests run as root (the server refuses root). */
async function asPostgres(binDir: string, program: string, args: string[]): Promise<string> {
  const path = join(binDir, program);
  const [command, commandArgs] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  const { stdout } = await run(command, commandArgs, { timeout: 120_000 });
  return stdout;
}

/**
 * Lets the primary stream WAL to a standby over 127.0.0.1, once: the replication line is added
 * to its pg_hba.conf and the configuration reloaded if it is missing. WAL level and senders
 * need a restart to change, so they are only checked.
 */
async function allowReplication(admin: Client): Promise<void> {
  const settings = (await admin.query<{ name: string; setting: string }>(`select name, setting from pg_settings where name in ('wal_level', 'max_wal_senders')`)).rows;
  const setting = (name: string) => settings.find((row) => row.name === name)?.setting;
  if (setting('wal_level') === 'minimal' || Number(setting('max_wal_senders')) < 2) {
    throw new Error(`The primary cannot stream to a replica: set wal_level = replica and max_wal_senders >= 2 and restart it (now ${JSON.stringify(settings)})`);
  }
  const allowed = await admin.query(
    `select 1 from pg_hba_file_rules where type = 'host' and 'replication' = any(database) and (address = '127.0.0.1' or address = 'all') and error is null`,
  );
  if (allowed.rowCount !== 0) return;
  const [{ hba_file }] = (await admin.query<{ hba_file: string }>(`show hba_file`)).rows;
  await appendFile(hba_file, `\n# Streaming replicas on this machine (the read-replica tests)\n${REPLICATION_HBA_LINE}\n`);
  await admin.query(`select pg_reload_conf()`);
}

/**
 * A streaming replica of the machine's PostgreSQL: `pg_basebackup -R` of the whole server into
 * a temporary directory owned by `postgres`, started with pg_ctl on a free port. Databases made
 * on the primary afterwards are replicated too.
 */
export async function startReadReplica(primaryUrl = REPLICA_PRIMARY_URL): Promise<ReadReplica> {
  const admin = new Client({ connectionString: primaryUrl });
  await admin.connect();
  let major: number;
  try {
    await allowReplication(admin);
    major = (await admin.query<{ major: number }>(`select current_setting('server_version_num')::int / 10000 as major`)).rows[0].major;
  } finally {
    await admin.end();
  }
  const binDir = process.env.TEST_REPLICA_PG_BIN ?? `/usr/lib/postgresql/${major}/bin`;
  const primary = new URL(primaryUrl);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-replica-'));
  if (process.getuid?.() === 0) chownSync(dataDir, ...(await postgresIds()));
  const pgCtl = (...args: string[]) => asPostgres(binDir, 'pg_ctl', ['-D', dataDir, ...args]);
  let running = false;

  const replica: ReadReplica = {
    url: (database) => withDatabaseName(`postgres://${primary.username || 'postgres'}@127.0.0.1:${port}/postgres`, database),
    pauseReplay: () => onReplica('select pg_wal_replay_pause()'),
    resumeReplay: () => onReplica('select pg_wal_replay_resume()'),
    stop: async () => {
      if (!running) return;
      await pgCtl('-m', 'fast', '-w', 'stop');
      running = false;
    },
    remove: async () => {
      await replica.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  async function onReplica(sql: string): Promise<void> {
    const client = new Client({ connectionString: replica.url('postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  try {
    await asPostgres(binDir, 'pg_basebackup', ['-h', primary.hostname, '-p', primary.port || '5432', '-U', primary.username || 'postgres', '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast']);
    // Debian keeps the server's configuration outside its data directory: the replica gets its own.
    writeFileSync(
      join(dataDir, 'postgresql.conf'),
      [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${dataDir}'`, 'hot_standby = on', 'fsync = off', 'max_connections = 100', 'shared_buffers = 32MB', ''].join('\n'),
    );
    writeFileSync(join(dataDir, 'pg_hba.conf'), ['local all all trust', 'host all all 127.0.0.1/32 trust', ''].join('\n'));
    if (process.getuid?.() === 0) {
      const [uid, gid] = await postgresIds();
      for (const file of ['postgresql.conf', 'pg_hba.conf']) chownSync(join(dataDir, file), uid, gid);
    }
    await pgCtl('-l', join(dataDir, 'server.log'), '-w', '-t', '60', 'start');
    running = true;
    await eventually(
      async () => {
        const client = new Client({ connectionString: replica.url('postgres') });
        await client.connect();
        try {
          expect((await client.query(`select pg_is_in_recovery() as standby`)).rows[0].standby).toBe(true);
        } finally {
          await client.end();
        }
      },
      30_000,
      100,
    );
    return replica;
  } catch (error) {
    await replica.remove();
    throw error;
  }
}

async function postgresIds(): Promise<[number, number]> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return [Number(uid.trim()), Number(gid.trim())];
}
