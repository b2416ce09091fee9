import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { ConfigError, loadConfig } from '../../src/config/app-config';
import { SUBSCRIPTIONS } from '../../src/subscription-registry';
import { AppProcess, freePort, MAIN, PROJECT_ROOT, startAppProcess } from '../../test/support/app-process';
import { eventually } from '../../test/support/eventually';
import { BenchClinic } from '../bench-clinic';
import { Counter, round } from '../stats';
import { ThroughputResult } from './direct-booking';
import { runHttpBooking } from './http-booking';

const WARM_UP_MS = 3_000;

/** One layout of B9: how many API processes took the load, whether a worker ran the subscriptions. */
export interface ProcessLayoutResult {
  layout: string;
  apiProcesses: number;
  worker: boolean;
  load: ThroughputResult;
  /** From the end of the load until every subscription has caught up and the outbox is empty. */
  drainMs: number;
}

/**
 * Why B9 cannot run on this build, or null when it can: it needs `RUN_HTTP=false` (a worker that
 * runs the subscriptions and serves no API). The configuration rejects a bad value of every
 * variable it knows, so a build that accepts `RUN_HTTP=maybe` does not know the variable.
 */
export function severalProcessesUnsupported(): string | null {
  try {
    loadConfig({ RUN_HTTP: 'maybe' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    if (error.problems.some((problem) => problem.includes('RUN_HTTP'))) return null;
  }
  return 'skipped: this build has no RUN_HTTP (a worker process running only the subscriptions)';
}

/**
 * B9: the booking load of B1 at `concurrency` (closed loop) against one process (API and
 * subscriptions in one event loop, as B1), then one API process (`RUN_SUBSCRIPTIONS=false`) beside
 * one worker (`RUN_HTTP=false`), then two API processes (the connections split across their
 * ports) beside one worker; all on this machine and database. Each layout is warmed up, starts
 * from a quiet log, and its processes are stopped before the next one starts.
 */
export async function runSeveralProcesses(
  appEnv: Record<string, string>,
  waitUntilQuiet: (databaseUrl: string) => Promise<void>,
  token: string,
  clinic: BenchClinic,
  counter: Counter,
  concurrency: number,
  durationMs: number,
): Promise<ProcessLayoutResult[]> {
  const layouts = [
    { layout: 'one process (API and subscriptions)', apiProcesses: 1, worker: false },
    { layout: 'one API + one worker', apiProcesses: 1, worker: true },
    { layout: 'two API + one worker', apiProcesses: 2, worker: true },
  ];
  const results: ProcessLayoutResult[] = [];
  for (const { layout, apiProcesses, worker } of layouts) {
    const processes: Array<AppProcess | WorkerProcess> = [];
    try {
      if (worker) processes.push(await startWorker(appEnv));
      const apis: AppProcess[] = [];
      for (let n = 0; n < apiProcesses; n++) {
        const api = await startAppProcess(worker ? { ...appEnv, RUN_SUBSCRIPTIONS: 'false' } : appEnv);
        processes.push(api);
        apis.push(api);
      }
      // Fresh processes: a short load first, so that the figure is of code already compiled
      // (as B1's at the heaviest load, which runs after the lighter ones).
      await runHttpBooking(
        apis.map((api) => api.baseUrl),
        token,
        clinic,
        counter,
        concurrency,
        Math.min(durationMs / 2, WARM_UP_MS),
      );
      await waitUntilQuiet(appEnv.DATABASE_URL);
      const load = await runHttpBooking(
        apis.map((api) => api.baseUrl),
        token,
        clinic,
        counter,
        concurrency,
        durationMs,
      );
      const loaded = performance.now();
      await waitUntilQuiet(appEnv.DATABASE_URL);
      results.push({ layout, apiProcesses, worker, load, drainMs: round(performance.now() - loaded, 0) });
    } finally {
      for (const running of processes.reverse()) {
        running.child.kill('SIGTERM');
        await running.exited;
      }
    }
  }
  return results;
}

interface WorkerProcess {
  child: ReturnType<typeof spawn>;
  exited: Promise<number | string>;
}

/**
 * A worker: the built app with `RUN_HTTP=false`. It serves no API, so it is ready when it holds
 * the advisory lock of every subscription (no other process of this database runs them then).
 */
async function startWorker(appEnv: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...appEnv, RUN_HTTP: 'false', PORT: String(await freePort()) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exitCode: number | string | null = null;
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => {
      exitCode = code ?? signal ?? 'unknown';
      resolve(exitCode);
    }),
  );
  const names = Object.values(SUBSCRIPTIONS);
  const db = new Client({ connectionString: appEnv.DATABASE_URL });
  await db.connect();
  try {
    await eventually(
      async () => {
        if (exitCode !== null) throw new Error(`The worker exited (${exitCode}):\n${output}`);
        const [{ held }] = (
          await db.query<{ held: number }>(
            `select count(*)::int as held from pg_locks
             where locktype = 'advisory' and granted and objsubid = 1
               and database = (select oid from pg_database where datname = current_database())
               and ((classid::bigint << 32) | objid::bigint) in (select hashtextextended('subscription:' || n, 0) from unnest($1::text[]) as n)`,
            [names],
          )
        ).rows;
        if (held < names.length) throw new Error(`The worker holds ${held} of ${names.length} subscription locks:\n${output}`);
      },
      30_000,
      100,
    );
  } catch (error) {
    child.kill('SIGTERM');
    await exited;
    throw error;
  } finally {
    await db.end();
  }
  return { child, exited };
}
