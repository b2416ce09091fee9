import { rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { EmbeddedServerOwner, EmbeddedServerRole, readOwner, recordOwner, releaseOwner } from './embedded-server-owner';
import { embeddedServerUrl, startEmbeddedPostgres } from './embedded-postgres';
import { PostmasterPid, postmasterPidPath, readPostmasterPid } from './postmaster-pid';
import { isPostgresProcess, isProcessAlive } from './process-liveness';

/** What a process finds in an embedded server's data directory before it uses it. */
export interface EmbeddedServerObservation {
  /** The lock file PostgreSQL keeps while it runs. */
  postmaster: PostmasterPid | undefined;
  /** The lock file's process exists. */
  postmasterAlive: boolean;
  /** ... and is a PostgreSQL server (not a process that got its id after a reboot). */
  postmasterIsPostgres: boolean;
  /** The server accepts connections on the lock file's port. */
  answers: boolean;
  owner: EmbeddedServerOwner | undefined;
  ownerAlive: boolean;
}

export type EmbeddedServerDecision =
  /** Nothing runs there: start the server (PostgreSQL itself replaces a lock file whose process is gone). */
  | { action: 'start' }
  /** The lock file names a living process that is not PostgreSQL: the file is stale, remove it, then start. */
  | { action: 'remove-stale-lock'; pid: number }
  /** Try again shortly: the server is starting or stopping, or a command that owns it is about to stop it. */
  | { action: 'wait'; until: 'answering' | 'command-done'; reason: string }
  /** A living process owns the running server: use it and leave it running. */
  | { action: 'attach'; port: number; owner: EmbeddedServerOwner }
  /** The server runs but its owner is gone (it crashed or was killed): use it and stop it at the end. */
  | { action: 'adopt'; port: number; pid: number };

/**
 * How a process (an application or a command-line program) gets the embedded server of a data
 * directory, so that any number of them can share it: an application's server is shared with
 * whoever comes (it runs as long as the application); a server a command started for itself
 * stops when that command ends, so whoever finds one waits for the command to end, then starts
 * the server again.
 */
export function decideEmbeddedServer(seen: EmbeddedServerObservation): EmbeddedServerDecision {
  const { postmaster } = seen;
  if (postmaster === undefined || !seen.postmasterAlive) return { action: 'start' };
  if (!seen.postmasterIsPostgres) return { action: 'remove-stale-lock', pid: postmaster.pid };
  if (!seen.answers) {
    return { action: 'wait', until: 'answering', reason: `the embedded PostgreSQL (PID ${postmaster.pid}, port ${postmaster.port}) does not accept connections yet (${postmaster.status ?? 'starting'})` };
  }
  if (seen.owner === undefined || !seen.ownerAlive) return { action: 'adopt', port: postmaster.port, pid: postmaster.pid };
  if (seen.owner.role === 'command') {
    return { action: 'wait', until: 'command-done', reason: `the embedded PostgreSQL is in use by a command (PID ${seen.owner.pid}: ${seen.owner.command}) that stops it when it ends` };
  }
  return { action: 'attach', port: postmaster.port, owner: seen.owner };
}

export interface EmbeddedServer {
  /** Connection URL of the server's `postgres` maintenance database. */
  url: string;
  /** Stops the server if this process started or adopted it; leaves another owner's server running. */
  stop(): Promise<void>;
}

export interface EmbeddedServerOptions {
  dataDir: string;
  /** The port a server started here listens on (a running server is used on its own port). */
  port: number;
  role: EmbeddedServerRole;
  log: (message: string) => void;
  /** Longest wait for a starting or stopping server to answer. */
  answerTimeoutMs?: number;
  /** Longest wait for a command that owns the server to end. */
  commandTimeoutMs?: number;
}

const POLL_MS = 200;
const CONNECT_TIMEOUT_MS = 2000;
const STOP_TIMEOUT_MS = 30_000;

/** The embedded server of `dataDir`: the one running there (see decideEmbeddedServer), or a new one. */
export async function openEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const { dataDir, role, log } = options;
  const deadlines = { answering: options.answerTimeoutMs ?? 30_000, 'command-done': options.commandTimeoutMs ?? 10 * 60_000 };
  const waitingSince = new Map<string, number>();
  let startFailure: Error | undefined;
  for (;;) {
    const decision = decideEmbeddedServer(await observe(dataDir));
    switch (decision.action) {
      case 'start': {
        if (startFailure) throw startFailure;
        log(`Starting the embedded PostgreSQL in ${dataDir} on port ${options.port}`);
        try {
          const server = await startEmbeddedPostgres({ dataDir, port: options.port });
          recordOwner(dataDir, role, options.port);
          return {
            url: server.url,
            stop: async () => {
              await server.stop();
              releaseOwner(dataDir);
            },
          };
        } catch (error) {
          // Another process may have started it meanwhile: look again once, then report.
          startFailure = error as Error;
          continue;
        }
      }
      case 'remove-stale-lock':
        log(`Removing the stale ${postmasterPidPath(dataDir)} (its PID ${decision.pid} is not a PostgreSQL server)`);
        rmSync(postmasterPidPath(dataDir), { force: true });
        continue;
      case 'wait': {
        const since = waitingSince.get(decision.until) ?? Date.now();
        if (!waitingSince.has(decision.until)) {
          waitingSince.set(decision.until, since);
          log(`Waiting: ${decision.reason}`);
        }
        if (Date.now() - since > deadlines[decision.until]) {
          throw new Error(`Gave up waiting after ${Math.round((Date.now() - since) / 1000)} s: ${decision.reason} (data directory ${dataDir})`);
        }
        await delay(POLL_MS);
        continue;
      }
      case 'attach':
        log(`Using the embedded PostgreSQL already running in ${dataDir} on port ${decision.port} (started by PID ${decision.owner.pid}: ${decision.owner.command})`);
        return { url: embeddedServerUrl(decision.port), stop: () => Promise.resolve() };
      case 'adopt':
        log(`Using the embedded PostgreSQL left running in ${dataDir} on port ${decision.port} (PID ${decision.pid}); its owner is gone, so this process stops it`);
        recordOwner(dataDir, role, decision.port);
        return {
          url: embeddedServerUrl(decision.port),
          stop: async () => {
            await stopPostmaster(decision.pid);
            releaseOwner(dataDir);
          },
        };
    }
  }
}

async function observe(dataDir: string): Promise<EmbeddedServerObservation> {
  const postmaster = readPostmasterPid(dataDir);
  const owner = readOwner(dataDir);
  const postmasterAlive = postmaster !== undefined && isProcessAlive(postmaster.pid);
  const postmasterIsPostgres = postmasterAlive && isPostgresProcess(postmaster.pid);
  return {
    postmaster,
    postmasterAlive,
    postmasterIsPostgres,
    answers: postmasterIsPostgres && (await answers(postmaster.port)),
    owner,
    ownerAlive: owner !== undefined && owner.pid !== process.pid && isProcessAlive(owner.pid),
  };
}

async function answers(port: number): Promise<boolean> {
  const client = new Client({ connectionString: embeddedServerUrl(port), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fast shutdown of a server this process did not start (sessions are ended, nothing committed is lost). */
async function stopPostmaster(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
    throw error;
  }
  const started = Date.now();
  while (isPostgresProcess(pid)) {
    if (Date.now() - started > STOP_TIMEOUT_MS) throw new Error(`The embedded PostgreSQL (PID ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s`);
    await delay(POLL_MS);
  }
}
