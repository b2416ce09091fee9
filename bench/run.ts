import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applicationContext } from '../src/cli/application-context';
import { loadConfig } from '../src/config/app-config';
import { signAccessToken } from '../src/shared/auth/access-token';
import { SUBSCRIPTIONS } from '../src/subscription-registry';
import { AppProcess, PROJECT_ROOT, startAppProcess } from '../test/support/app-process';
import { eventually } from '../test/support/eventually';
import { createBenchClinic, SLOT_MINUTES } from './bench-clinic';
import { openBenchDatabase } from './bench-database';
import { BenchResults, markdown } from './report';
import { runAggregateLoads } from './scenarios/aggregate-load';
import { prepareDirectBooking, runDirectBooking, ThroughputResult } from './scenarios/direct-booking';
import { fastForwardOthers, importHistory, runRebuild } from './scenarios/history';
import { runHttpBooking } from './scenarios/http-booking';
import { runLagProbes } from './scenarios/lag-probes';
import { runQueries } from './scenarios/queries';
import { Counter, residentMegabytes, round } from './stats';

/** Every scenario is bounded: by time (durations) or by count. */
const FULL = {
  durationMs: 10_000,
  concurrencies: [1, 8, 32],
  lagConcurrencies: [8, 32],
  websocketClients: 50,
  probeEveryMs: 100,
  doctors: 100,
  patientsPerDoctor: 20,
  streamSizes: [10, 100, 1_000, 10_000],
  loadRepetitions: 30,
  historyAppointments: 100_000,
  queryConcurrency: 8,
};

/** `--smoke`: every scenario, smaller and shorter, in seconds. */
const SETTINGS = {
  full: FULL,
  smoke: { ...FULL, durationMs: 1_000, websocketClients: 5, doctors: 10, patientsPerDoctor: 5, streamSizes: [10, 100], loadRepetitions: 3, historyAppointments: 2_000 },
};

const log = (message: string) => console.log(`[bench] ${message}`);

/** Waits until every subscription has processed the whole log and the email outbox is empty. */
async function waitUntilQuiet(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await eventually(
      async () => {
        const [{ behind, pending }] = (
          await db.query<{ behind: number; pending: number }>(`
            select (select count(*) from subscription_checkpoints c
                    where exists (select 1 from events e where (e.transaction_id, e.position) > (c.transaction_id, c.position)))::int as behind,
                   (select count(*) from email_outbox where status = 'pending')::int as pending`)
        ).rows;
        if (behind > 0 || pending > 0) throw new Error(`${behind} subscriptions behind, ${pending} emails pending`);
      },
      180_000,
      100,
    );
  } finally {
    await db.end();
  }
}

async function stop(app: AppProcess): Promise<void> {
  app.child.kill('SIGTERM');
  await app.exited;
}

async function main(): Promise<void> {
  const mode = process.argv.includes('--smoke') ? 'smoke' : 'full';
  const settings = SETTINGS[mode];
  const startedAt = new Date().toISOString();
  const database = await openBenchDatabase();
  const mailDir = mkdtempSync(join(tmpdir(), 'clinic-bench-mail-'));
  const jwtSecret = randomBytes(32).toString('hex');
  const appEnv = {
    DATABASE_URL: database.url,
    NODE_ENV: 'production',
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '20',
    RATE_LIMIT_PER_MINUTE: '1000000',
    PATIENT_MAX_FUTURE_BOOKINGS: '1000',
    SEED_DEMO_DATA: 'false',
    MAIL_DIR: mailDir,
    SMTP_URL: '',
    REDIS_URL: '',
    NATS_URL: '',
  };
  log(`${mode} run on ${database.description}`);
  let app: AppProcess | null = null;
  try {
    app = await startAppProcess(appEnv);
    const clinic = await createBenchClinic(database.url, settings);
    const token = signAccessToken({ userId: 'bench-desk', role: 'staff' }, jwtSecret);
    const counter = new Counter();
    await prepareDirectBooking(database.url);

    const directBooking: ThroughputResult[] = [];
    const httpBooking: ThroughputResult[] = [];
    for (const concurrency of settings.concurrencies) {
      await waitUntilQuiet(database.url);
      const direct = await runDirectBooking(database.url, concurrency, settings.durationMs);
      directBooking.push(direct);
      log(`B0 c=${concurrency}: ${direct.perSecond} tx/s`);
      await waitUntilQuiet(database.url);
      const overHttp = await runHttpBooking(app.baseUrl, token, clinic, counter, concurrency, settings.durationMs);
      httpBooking.push(overHttp);
      log(`B1 c=${concurrency}: ${overHttp.perSecond} bookings/s`);
    }

    // B2/B3 under a moderate load and under the heaviest one (the target applies to the latter).
    const lag: BenchResults['lag'] = [];
    for (const loadConcurrency of settings.lagConcurrencies) {
      await waitUntilQuiet(database.url);
      let lagLoad: ThroughputResult | undefined;
      const running = app;
      const probed = await runLagProbes(
        running.baseUrl,
        database.url,
        token,
        clinic,
        counter,
        { clients: settings.websocketClients, everyMs: settings.probeEveryMs },
        async () => (lagLoad = await runHttpBooking(running.baseUrl, token, clinic, counter, loadConcurrency, settings.durationMs)),
      );
      if (!lagLoad) throw new Error(`The lag probes under c=${loadConcurrency} ended before their load`);
      lag.push({ ...probed, load: lagLoad });
      log(`B2/B3 under c=${loadConcurrency}: p99 ${probed.readSide.p99} ms / ${probed.websocket.p99} ms`);
    }
    await waitUntilQuiet(database.url);
    const afterBookingsMb = await residentMegabytes(pidOf(app));
    await stop(app);
    app = null;

    // The app's own providers in this process: loads through the real repository (B4), history
    // written through the real event store, personal data sealed as in production (B5).
    const context = await applicationContext(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'warn' }), database.url);
    const aggregateLoads = await runAggregateLoads(context, clinic, settings.streamSizes, settings.loadRepetitions);
    log(`B4 ${aggregateLoads.map((a) => `${a.events}: ${a.withoutSnapshotMs}/${a.withSnapshotMs} ms`).join(', ')}`);
    await importHistory(context, clinic, counter, settings.historyAppointments);
    const rebuilt = [SUBSCRIPTIONS.appointmentDetails, SUBSCRIPTIONS.doctorSchedule];
    await fastForwardOthers(context, rebuilt);
    await context.close();
    const rebuilds = [];
    for (const projection of rebuilt) {
      const rebuild = await runRebuild(database.url, projection);
      rebuilds.push(rebuild);
      log(`B5 ${projection}: ${rebuild.eventsPerSecond} events/s`);
    }

    app = await startAppProcess(appEnv);
    await waitUntilQuiet(database.url);
    const days = Math.ceil((settings.historyAppointments / settings.doctors) * SLOT_MINUTES / (24 * 60));
    const queries = await runQueries(app.baseUrl, token, clinic, days, settings.queryConcurrency, settings.durationMs);
    log(`B6 ${queries.map((q) => `${q.perSecond} req/s p99 ${q.p99} ms`).join(', ')}`);
    const afterQueriesMb = await residentMegabytes(pidOf(app));
    await stop(app);
    app = null;

    const results: BenchResults = {
      mode,
      startedAt,
      machine: { cpus: cpus().length, cpuModel: cpus()[0].model.trim(), memoryGb: round(totalmem() / 2 ** 30, 0), node: process.version, database: database.description },
      directBooking,
      httpBooking,
      lag,
      aggregateLoads,
      rebuilds,
      historyAppointments: settings.historyAppointments,
      queries,
      memory: { afterBookingsMb, afterQueriesMb, rebuildPeakMb: Math.max(...rebuilds.map((r) => r.peakRssMb)) },
    };
    const table = markdown(results);
    const outDir = mode === 'full' ? join(PROJECT_ROOT, 'bench', 'results') : join(PROJECT_ROOT, '.data', 'bench');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, `${mode === 'full' ? 'latest' : 'smoke'}.json`), `${JSON.stringify(results, null, 2)}\n`);
    if (mode === 'full') updateBenchmarksMd(table);
    console.log(`\n${table}`);
  } finally {
    // Clean up without hiding why the run failed: the app goes first, then its files and database.
    if (app) await stop(app).catch(() => undefined);
    rmSync(mailDir, { recursive: true, force: true, maxRetries: 3 });
    await database.close().catch((error: unknown) => log(`The database could not be dropped: ${(error as Error).message}`));
  }
}

/** The process id of the running app, whose memory is measured. */
function pidOf(app: AppProcess): number {
  if (app.child.pid === undefined) throw new Error('The app process has no process id');
  return app.child.pid;
}

/** Replaces the generated figures in BENCHMARKS.md (between its two markers). */
function updateBenchmarksMd(table: string): void {
  const file = join(PROJECT_ROOT, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const start = '<!-- bench:latest:start -->';
  const end = '<!-- bench:latest:end -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`BENCHMARKS.md lacks the ${start} ... ${end} markers`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
