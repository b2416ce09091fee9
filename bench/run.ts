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
import { BenchClinic, createBenchClinic, daysOfBookings, scheduleBenchBlocks } from './bench-clinic';
import { openBenchDatabase } from './bench-database';
import { BenchResults, markdown, RoundResult } from './report';
import { runAggregateLoads } from './scenarios/aggregate-load';
import { copyBlocksToDirectBooking, prepareDirectBooking, runDirectBooking, ThroughputResult } from './scenarios/direct-booking';
import { EmmettBench, prepareEmmettAppend } from './scenarios/emmett-append';
import { fastForwardOthers, importHistory, runRebuild } from './scenarios/history';
import { OpenLoopResult, runHttpBooking, runOpenLoopBooking } from './scenarios/http-booking';
import { runLagProbes } from './scenarios/lag-probes';
import { runQueries } from './scenarios/queries';
import { runSeveralProcesses, severalProcessesUnsupported } from './scenarios/several-processes';
import { Counter, medianOfRounds, residentMegabytes, round } from './stats';

/** Every scenario is bounded: by time (durations) or by count. */
const FULL = {
  /** Each figure is the median of this many rounds (the machine is noisy). */
  rounds: 3,
  durationMs: 10_000,
  concurrencies: [1, 8, 32],
  lagConcurrencies: [8, 32],
  /** B9's load, and the closed loop whose capacity sets the open loop's rate (half of it). */
  heaviestConcurrency: 32,
  websocketClients: 50,
  probeEveryMs: 100,
  doctors: 100,
  patientsPerDoctor: 20,
  /** Days of bookings with time off and room blocks in their blocked hour. */
  blockedDays: 7,
  streamSizes: [10, 100, 1_000, 10_000],
  loadRepetitions: 30,
  historyAppointments: 100_000,
  queryConcurrency: 8,
};

/** `--smoke`: every scenario, smaller and shorter, in one round of seconds. */
const SETTINGS = {
  full: FULL,
  smoke: {
    ...FULL,
    rounds: 1,
    durationMs: 1_000,
    websocketClients: 5,
    doctors: 10,
    patientsPerDoctor: 5,
    blockedDays: 2,
    streamSizes: [10, 100],
    loadRepetitions: 3,
    historyAppointments: 2_000,
  },
};
type Settings = typeof FULL;

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

/** What the booking rounds share: the clinic, the counter that keeps bookings apart, the tokens. */
interface BookingContext {
  settings: Settings;
  appEnv: Record<string, string>;
  databaseUrl: string;
  clinic: BenchClinic;
  counter: Counter;
  token: string;
  emmett: EmmettBench;
  /** Why B9 does not run on this build (null: it runs). */
  severalProcessesSkipped: string | null;
}

type BookingRound = Pick<RoundResult, 'directBooking' | 'httpBooking' | 'emmettAppend' | 'ratios' | 'lag' | 'processes'> & { afterBookingsMb: number };

/**
 * One round of the booking scenarios on a freshly started app: B0, B1 and B8 at each
 * concurrency (each after the read side has caught up), B2/B3 under closed loops and under an
 * open loop at half of this round's B1 capacity, the app's memory, then B9.
 */
async function bookingRound(ctx: BookingContext, started: { app: AppProcess | null }): Promise<BookingRound> {
  const { settings, databaseUrl, clinic, counter, token } = ctx;
  const app = await startAppProcess(ctx.appEnv);
  started.app = app;
  const directBooking: ThroughputResult[] = [];
  const httpBooking: ThroughputResult[] = [];
  const emmettAppend: ThroughputResult[] = [];
  for (const concurrency of settings.concurrencies) {
    await waitUntilQuiet(databaseUrl);
    const direct = await runDirectBooking(databaseUrl, concurrency, settings.durationMs);
    directBooking.push(direct);
    log(`B0 c=${concurrency}: ${direct.perSecond} tx/s`);
    await waitUntilQuiet(databaseUrl);
    const overHttp = await runHttpBooking(app.baseUrl, token, clinic, counter, concurrency, settings.durationMs);
    httpBooking.push(overHttp);
    log(`B1 c=${concurrency}: ${overHttp.perSecond} bookings/s`);
    await waitUntilQuiet(databaseUrl);
    const library = await ctx.emmett.run(concurrency, settings.durationMs);
    emmettAppend.push(library);
    log(`B8 c=${concurrency}: ${library.perSecond} appends/s`);
  }
  const ratios = settings.concurrencies.map((concurrency, n) => ({
    concurrency,
    b1OverB0: round(httpBooking[n].perSecond / directBooking[n].perSecond, 3),
    b1OverB8: round(httpBooking[n].perSecond / emmettAppend[n].perSecond, 3),
    b1P99OverB0P99: round(httpBooking[n].latency.p99 / directBooking[n].latency.p99, 3),
  }));

  // B2/B3 under a moderate and the heaviest closed loop, then at a fixed arrival rate of half
  // the heaviest closed loop's capacity, where lag is measured rather than queueing.
  const capacity = httpBooking[settings.concurrencies.indexOf(settings.heaviestConcurrency)].perSecond;
  const loads: Array<{ loop: 'closed' | 'open'; run: () => Promise<ThroughputResult | OpenLoopResult> }> = [
    ...settings.lagConcurrencies.map((concurrency) => ({
      loop: 'closed' as const,
      run: () => runHttpBooking(app.baseUrl, token, clinic, counter, concurrency, settings.durationMs),
    })),
    { loop: 'open', run: () => runOpenLoopBooking(app.baseUrl, token, clinic, counter, Math.max(1, round(capacity / 2, 0)), settings.durationMs) },
  ];
  const lag: RoundResult['lag'] = [];
  for (const { loop, run } of loads) {
    await waitUntilQuiet(databaseUrl);
    let lagLoad: ThroughputResult | OpenLoopResult | undefined;
    const probed = await runLagProbes(
      app.baseUrl,
      databaseUrl,
      token,
      clinic,
      counter,
      { clients: settings.websocketClients, everyMs: settings.probeEveryMs },
      async () => (lagLoad = await run()),
    );
    if (!lagLoad) throw new Error(`The lag probes under the ${loop} loop ended before their load`);
    lag.push({ ...probed, loop, load: lagLoad });
    const under = loop === 'open' ? `${(lagLoad as OpenLoopResult).offeredPerSecond}/s open loop` : `c=${lagLoad.concurrency}`;
    log(`B2/B3 under ${under}: p99 ${probed.readSide.p99} ms / ${probed.websocket.p99} ms`);
  }
  await waitUntilQuiet(databaseUrl);
  const afterBookingsMb = await residentMegabytes(pidOf(app));
  await stop(app);
  started.app = null;

  let processes: RoundResult['processes'] = null;
  if (!ctx.severalProcessesSkipped) {
    processes = await runSeveralProcesses(ctx.appEnv, waitUntilQuiet, token, clinic, counter, settings.heaviestConcurrency, settings.durationMs);
    log(`B9 ${processes.map((p) => `${p.layout}: ${p.load.perSecond}/s`).join(', ')}`);
  } else {
    log(`B9 ${ctx.severalProcessesSkipped}`);
  }
  return { directBooking, httpBooking, emmettAppend, ratios, lag, processes, afterBookingsMb };
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
  log(`${mode} run on ${database.description}, ${settings.rounds} round(s)`);
  const started: { app: AppProcess | null } = { app: null };
  let emmett: EmmettBench | null = null;
  try {
    // The clinic and its schedule blocks, written through a first start of the app.
    const setupApp = await startAppProcess(appEnv);
    started.app = setupApp;
    const clinic = await createBenchClinic(database.url, settings);
    const blocks = await scheduleBenchBlocks(setupApp.baseUrl, signAccessToken({ userId: 'bench-admin', role: 'admin' }, jwtSecret), clinic, settings.blockedDays);
    await waitUntilQuiet(database.url);
    await stop(setupApp);
    started.app = null;
    await prepareDirectBooking(database.url);
    const copied = await copyBlocksToDirectBooking(database.url);
    log(`Schedule blocks: ${blocks.timeOff} time off, ${blocks.roomBlocks} room blocks, ${blocks.closures} closure (${copied} rows copied for B0)`);
    emmett = await prepareEmmettAppend(database.url);
    const ctx: BookingContext = {
      settings,
      appEnv,
      databaseUrl: database.url,
      clinic,
      counter: new Counter(),
      token: signAccessToken({ userId: 'bench-desk', role: 'staff' }, jwtSecret),
      emmett,
      severalProcessesSkipped: severalProcessesUnsupported(),
    };

    const bookingRounds: BookingRound[] = [];
    for (let n = 1; n <= settings.rounds; n++) {
      log(`Booking round ${n} of ${settings.rounds}`);
      bookingRounds.push(await bookingRound(ctx, started));
    }

    // The app's own providers in this process: loads through the real repository (B4), history
    // written through the real event store, personal data sealed as in production (B5).
    const context = await applicationContext(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'warn' }), database.url);
    const aggregateLoads: RoundResult['aggregateLoads'][] = [];
    for (let n = 0; n < settings.rounds; n++) {
      aggregateLoads.push(await runAggregateLoads(context, clinic, settings.streamSizes, settings.loadRepetitions));
      log(`B4 ${aggregateLoads[n].map((a) => `${a.events}: ${a.withoutSnapshotMs}/${a.withSnapshotMs} ms`).join(', ')}`);
    }
    await importHistory(context, clinic, ctx.counter, settings.historyAppointments);
    const rebuilt = [SUBSCRIPTIONS.appointmentDetails, SUBSCRIPTIONS.doctorSchedule];
    await fastForwardOthers(context, rebuilt);
    await context.close();
    const rebuilds: RoundResult['rebuilds'][] = [];
    for (let n = 0; n < settings.rounds; n++) {
      const round: RoundResult['rebuilds'] = [];
      for (const projection of rebuilt) {
        const rebuild = await runRebuild(database.url, projection);
        round.push(rebuild);
        log(`B5 ${projection}: ${rebuild.eventsPerSecond} events/s`);
      }
      rebuilds.push(round);
    }

    const queryApp = await startAppProcess(appEnv);
    started.app = queryApp;
    await waitUntilQuiet(database.url);
    const days = daysOfBookings(clinic, settings.historyAppointments);
    const queries: RoundResult['queries'][] = [];
    const afterQueriesMb: number[] = [];
    for (let n = 0; n < settings.rounds; n++) {
      queries.push(await runQueries(queryApp.baseUrl, ctx.token, clinic, days, settings.queryConcurrency, settings.durationMs));
      afterQueriesMb.push(await residentMegabytes(pidOf(queryApp)));
      log(`B6 ${queries[n].map((q) => `${q.perSecond} req/s p99 ${q.p99} ms`).join(', ')}`);
    }
    await stop(queryApp);
    started.app = null;

    const rounds: RoundResult[] = bookingRounds.map(({ afterBookingsMb, ...booking }, n) => ({
      ...booking,
      aggregateLoads: aggregateLoads[n],
      rebuilds: rebuilds[n],
      queries: queries[n],
      memory: { afterBookingsMb, afterQueriesMb: afterQueriesMb[n], rebuildPeakMb: Math.max(...rebuilds[n].map((r) => r.peakRssMb)) },
    }));
    const results: BenchResults = {
      mode,
      startedAt,
      machine: { cpus: cpus().length, cpuModel: cpus()[0].model.trim(), memoryGb: round(totalmem() / 2 ** 30, 0), node: process.version, database: database.description },
      blocks,
      historyAppointments: settings.historyAppointments,
      severalProcessesSkipped: ctx.severalProcessesSkipped,
      median: medianOfRounds(rounds),
      rounds,
    };
    const table = markdown(results);
    const outDir = mode === 'full' ? join(PROJECT_ROOT, 'bench', 'results') : join(PROJECT_ROOT, '.data', 'bench');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, `${mode === 'full' ? 'latest' : 'smoke'}.json`), `${JSON.stringify(results, null, 2)}\n`);
    if (mode === 'full') updateBenchmarksMd(table);
    console.log(`\n${table}`);
  } finally {
    // Clean up without hiding why the run failed: the app goes first, then its files and databases.
    if (started.app) await stop(started.app).catch(() => undefined);
    rmSync(mailDir, { recursive: true, force: true, maxRetries: 3 });
    await emmett?.close().catch((error: unknown) => log(`The Emmett database could not be dropped: ${(error as Error).message}`));
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
