import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What PostgreSQL records in `postmaster.pid` of its data directory while it runs: the
 * postmaster's process id, the port it listens on and its state. PostgreSQL removes the file
 * on a clean shutdown; after a crash (or a kill) it stays behind, naming a process that may be
 * gone, or, after a reboot, a process id now used by something else.
 */
export interface PostmasterPid {
  pid: number;
  port: number;
  /** `starting`, `ready`, `stopping` or `standby` (absent while the server writes the file). */
  status: string | undefined;
}

/** Parses the file's lines (pid, data directory, start time, port, socket directory, listen address, shared memory key, status). */
export function parsePostmasterPid(text: string): PostmasterPid | undefined {
  const lines = text.split('\n').map((line) => line.trim());
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
  return { pid, port, status: lines[7] || undefined };
}

/** The server recorded in `dataDir`, or undefined when there is no (complete) lock file. */
export function readPostmasterPid(dataDir: string): PostmasterPid | undefined {
  try {
    return parsePostmasterPid(readFileSync(postmasterPidPath(dataDir), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function postmasterPidPath(dataDir: string): string {
  return join(dataDir, 'postmaster.pid');
}
