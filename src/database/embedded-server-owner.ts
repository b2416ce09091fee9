import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Who answers for the embedded PostgreSQL of a data directory: the process that started (or
 * adopted) it and stops it when it ends. Kept in `<data dir>.owner.json` (so `.data/postgres.owner.json`)
 * while that process runs; every other process that finds the server running only attaches to it.
 */
export interface EmbeddedServerOwner {
  pid: number;
  /** `app`: a running application; `command`: a short command-line program (seed, rebuild, ...). */
  role: EmbeddedServerRole;
  /** The owner's command line, for messages. */
  command: string;
  port: number;
  since: string;
}

export type EmbeddedServerRole = 'app' | 'command';

export function ownerFilePath(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}.owner.json`;
}

/** The recorded owner; undefined when there is none or the file is unreadable (a crash mid-write). */
export function readOwner(dataDir: string): EmbeddedServerOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(ownerFilePath(dataDir), 'utf8')) as Partial<EmbeddedServerOwner>;
    if (!Number.isInteger(owner.pid) || (owner.role !== 'app' && owner.role !== 'command')) return undefined;
    return owner as EmbeddedServerOwner;
  } catch {
    return undefined;
  }
}

/** Records this process as the owner (written aside and renamed, so a reader never sees half a file). */
export function recordOwner(dataDir: string, role: EmbeddedServerRole, port: number): void {
  const owner: EmbeddedServerOwner = { pid: process.pid, role, command: process.argv.slice(1).join(' '), port, since: new Date().toISOString() };
  const path = ownerFilePath(dataDir);
  writeFileSync(`${path}.${process.pid}`, `${JSON.stringify(owner, null, 2)}\n`);
  renameSync(`${path}.${process.pid}`, path);
}

/** Removes the record if it still names this process. */
export function releaseOwner(dataDir: string): void {
  if (readOwner(dataDir)?.pid === process.pid) rmSync(ownerFilePath(dataDir), { force: true });
}
