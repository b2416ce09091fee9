import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { eventually } from './eventually';

/** The project's root: the nearest folder with a package.json (from the sources or a build of them). */
function projectRoot(from: string): string {
  return existsSync(join(from, 'package.json')) ? from : projectRoot(dirname(from));
}

export const PROJECT_ROOT = projectRoot(__dirname);
export const MAIN = join(PROJECT_ROOT, 'dist', 'main.js');

/** A free loopback port, for a child process to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface AppProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
}

/** Runs the built application (`dist/main.js`) as a real child process and waits for /health. */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '8', PATIENT_MAX_FUTURE_BOOKINGS: '1000', PORT: String(port), MAIL_DIR: join(tmpdir(), 'clinic-mail-child'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const baseUrl = `http://127.0.0.1:${port}`;
  const healthy = eventually(
    async () => {
      const response = await fetch(`${baseUrl}/health`);
      if (!response.ok) throw new Error(`/health answered ${response.status}`);
    },
    30_000,
    100,
  );
  const outcome = await Promise.race([healthy.then(() => 'healthy' as const), exited.then(() => 'exited' as const)]).catch(
    (error: unknown) => error,
  );
  if (outcome === 'exited') {
    healthy.catch(() => undefined);
    throw new Error(`The app exited early:\n${output}`);
  }
  if (outcome !== 'healthy') throw new Error(`The app did not become healthy (${outcome instanceof Error ? outcome.message : 'no reason given'}):\n${output}`);
  return { child, baseUrl, output: () => output, exited };
}

/** Kills the app as a crash would (SIGKILL: no shutdown runs) and waits until it is gone. */
export async function crashAppProcess(app: AppProcess): Promise<void> {
  app.child.kill('SIGKILL');
  const ended = await app.exited;
  if (ended !== 'SIGKILL') throw new Error(`The app was killed with SIGKILL but ended with ${String(ended)}:\n${app.output()}`);
}

/** Stops the app as an orchestrator would (SIGTERM) and expects it to shut down cleanly, with exit code 0. */
export async function stopAppProcess(app: AppProcess): Promise<void> {
  app.child.kill('SIGTERM');
  const ended = await app.exited;
  if (ended !== 0) throw new Error(`The app was stopped with SIGTERM but ended with ${String(ended)} instead of exit code 0:\n${app.output()}`);
}

/** Starts the app, runs `use` against it and kills it afterwards whatever `use` did (a no-op once it has exited). */
export async function usingAppProcess<T>(env: Record<string, string>, use: (app: AppProcess) => Promise<T>): Promise<T> {
  const app = await startAppProcess(env);
  try {
    return await use(app);
  } finally {
    app.child.kill('SIGKILL');
  }
}
