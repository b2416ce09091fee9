import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DEVELOPMENT_JWT_SECRET } from '../../src/config/app-config';
import { ownerFilePath } from '../../src/database/embedded-server-owner';
import { readPostmasterPid } from '../../src/database/postmaster-pid';
import { isPostgresProcess } from '../../src/database/process-liveness';
import { SUBSCRIPTIONS } from '../../src/subscription-registry';
import { signAccessToken, verifyAccessToken } from '../../src/shared/auth/access-token';
import { freePort, PROJECT_ROOT, startAppProcess } from '../support/app-process';
import { CliResult, runCli, runProgram } from '../support/cli-process';
import { afterWrite, bookingBody } from '../support/demo';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';

const staff = signAccessToken({ userId: 'desk', role: 'staff' }, DEVELOPMENT_JWT_SECRET);
const { appointmentDetails, doctorSchedule, emailNotifications, integrationEvents, liveUpdates, reminderSchedule, scheduleBlocks } = SUBSCRIPTIONS;
const SUBSCRIPTION_NAMES = [appointmentDetails, doctorSchedule, emailNotifications, integrationEvents, liveUpdates, reminderSchedule, scheduleBlocks];
const PROJECTIONS = [appointmentDetails, doctorSchedule, integrationEvents, reminderSchedule, scheduleBlocks];
const CLIS = ['seed', 'token', 'rebuild-projections', 'resume-subscription'];

/** What a test needs to see when a command fails: its whole output. */
const outcome = (result: CliResult) => ({ code: result.code, output: `${result.stdout}${result.stderr}` });

describe('Command-line programs on the embedded PostgreSQL (no DATABASE_URL)', () => {
  // Directly under the temporary folder: the embedded server runs as the `postgres` user when
  // the tests run as root, and must be able to reach its data directory.
  const dataDir = join(tmpdir(), `clinic-cli-e2e-${randomBytes(4).toString('hex')}`);
  let env: Record<string, string>;
  const serverRunning = () => {
    const postmaster = readPostmasterPid(dataDir);
    return postmaster !== undefined && isPostgresProcess(postmaster.pid);
  };

  beforeAll(async () => {
    env = { DATABASE_URL: '', EMBEDDED_POSTGRES_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), MAIL_DIR: join(dataDir + '-mail') };
  });
  afterAll(async () => {
    const postmaster = readPostmasterPid(dataDir);
    if (postmaster && isPostgresProcess(postmaster.pid)) {
      process.kill(postmaster.pid, 'SIGINT');
      await eventually(() => expect(isPostgresProcess(postmaster.pid)).toBe(false), 30_000, 100);
    }
    for (const path of [dataDir, ownerFilePath(dataDir), `${dataDir}-mail`]) rmSync(path, { recursive: true, force: true });
  });

  it('seeds, rebuilds and resumes beside a running app, on its server, and leave it serving', async () => {
    const app = await startAppProcess(env);
    const http = new HttpClient(app.baseUrl);
    try {
      const booked = await http.post('/appointments', staff, bookingBody());
      expect(booked.status).toBe(201);

      const seed = await runCli('seed', [], env);
      expect(outcome(seed)).toEqual({ code: 0, output: expect.stringContaining('Demo clinic loaded') });
      expect(seed.stderr).toContain('Using the embedded PostgreSQL already running');
      expect(seed.stderr).not.toContain('undefined');

      const rebuild = await runCli('rebuild-projections', ['all'], env);
      expect(outcome(rebuild)).toEqual({ code: 0, output: expect.stringContaining('rebuilt from') });
      for (const name of PROJECTIONS) expect(rebuild.stdout).toMatch(new RegExp(`^${name}: rebuilt from \\d+ events`, 'm'));
      expect(rebuild.stdout).toMatch(new RegExp(`^${appointmentDetails}: rebuilt from 1 events`, 'm'));
      expect((await http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked))).status).toBe(200);

      const unknown = await runCli('resume-subscription', ['no-such-subscription'], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain(`No subscription named no-such-subscription; subscriptions: ${SUBSCRIPTION_NAMES.join(', ')}`);
      expect(unknown.stdout).not.toContain('resumed');

      const running = await runCli('resume-subscription', [appointmentDetails], env);
      expect(outcome(running)).toEqual({ code: 0, output: expect.stringContaining(`${appointmentDetails} is not stopped`) });

      // A projection stopped at a failing event (as the runner records it) makes the app unready;
      // resuming it makes the app ready again.
      const db = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}/clinic` });
      await db.connect();
      try {
        await db.query(`update subscription_checkpoints set status = 'stopped', failed_position = 1, failure = 'simulated failure' where name = $1`, [reminderSchedule]);
      } finally {
        await db.end();
      }
      await eventually(async () => expect((await http.get('/health/ready')).status).toBe(503), 15_000, 200);
      const resume = await runCli('resume-subscription', [reminderSchedule], env);
      expect(outcome(resume)).toEqual({ code: 0, output: expect.stringContaining(`${reminderSchedule}: resumed from its checkpoint`) });
      expect(resume.stdout).toContain('simulated failure');
      await eventually(async () => expect((await http.get('/health/ready')).status).toBe(200), 15_000, 200);
    } finally {
      app.child.kill('SIGTERM');
    }
    expect(await app.exited).toBe(0);
    expect(serverRunning()).toBe(false);
    expect(existsSync(ownerFilePath(dataDir))).toBe(false);
  }, 120_000);

  it('starts the embedded server for a command when no app runs, and stops it afterwards', async () => {
    expect(serverRunning()).toBe(false);
    const seed = await runCli('seed', [], env);
    expect(outcome(seed)).toEqual({ code: 0, output: expect.stringContaining('Demo clinic loaded') });
    expect(seed.stderr).toContain('Starting the embedded PostgreSQL');
    expect(serverRunning()).toBe(false);
    expect(existsSync(ownerFilePath(dataDir))).toBe(false);
  }, 60_000);

  it('takes over the server a killed app left running, and stops it when done', async () => {
    const app = await startAppProcess(env);
    app.child.kill('SIGKILL');
    await app.exited;
    expect(serverRunning()).toBe(true);

    const rebuild = await runCli('rebuild-projections', [appointmentDetails], env);
    expect(outcome(rebuild)).toEqual({ code: 0, output: expect.stringContaining(`${appointmentDetails}: rebuilt from 1 events`) });
    expect(rebuild.stderr).toContain('its owner is gone, so this process stops it');
    expect(serverRunning()).toBe(false);
    expect(existsSync(ownerFilePath(dataDir))).toBe(false);
  }, 90_000);

  it('fails with the reason PostgreSQL gives, never "undefined", when the embedded server cannot start', async () => {
    const busy = await startAppProcess(env);
    try {
      // Another data directory on the port the app's server already listens on.
      const otherDir = `${dataDir}-other`;
      const seed = await runCli('seed', [], { ...env, EMBEDDED_POSTGRES_DIR: otherDir });
      rmSync(otherDir, { recursive: true, force: true });
      rmSync(ownerFilePath(otherDir), { force: true });
      expect(seed.code).toBe(1);
      expect(seed.stderr).toContain(`The embedded PostgreSQL in ${otherDir} (port ${env.EMBEDDED_POSTGRES_PORT}) failed to start`);
      expect(seed.stderr).toMatch(/could not create any TCP\/IP sockets|Address already in use/);
      expect(seed.stderr).not.toMatch(/^undefined$/m);
    } finally {
      busy.child.kill('SIGTERM');
      await busy.exited;
    }
  }, 90_000);
});

describe('Command-line interfaces', () => {
  it.each(CLIS)('%s --help prints its usage and exits 0', async (name) => {
    const help = await runCli(name, ['--help']);
    expect(outcome(help)).toEqual({ code: 0, output: expect.stringMatching(/^Usage: npm run /) });
  });

  it.each(CLIS)('%s refuses an unknown option with its usage, exit 2', async (name) => {
    const wrong = await runCli(name, ['--no-such-option']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--no-such-option'");
    expect(wrong.stderr).toContain('Usage: npm run ');
  });

  it.each([
    [['--role', 'nurse'], '--role must be one of admin, staff, doctor, patient, service'],
    [['--role', 'doctor'], '--doctor-id is required for the doctor role'],
    [['--role', 'patient', '--patient-id', 'mia'], '--patient-id must be a UUID'],
    [['--role', 'staff', '--expires-in', 'soon'], '--expires-in must be a whole number of seconds'],
    [['--role', 'staff', 'extra'], "Unexpected argument 'extra'"],
  ])('token %j is a usage error', async (args, message) => {
    const wrong = await runCli('token', args);
    expect({ code: wrong.code, stdout: wrong.stdout }).toEqual({ code: 2, stdout: '' });
    expect(wrong.stderr).toContain(message);
  });

  it('npm run token does not rebuild an up-to-date project, and prints a valid token', async () => {
    const token = () => runProgram('npm', ['run', '-s', 'token', '--', '--role', 'doctor', '--doctor-id', '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01'], { JWT_SECRET: '' });
    expect((await token()).code).toBe(0);
    const built = join(PROJECT_ROOT, 'dist', 'cli', 'token.cli.js');
    const before = statSync(built).mtimeMs;
    const again = await token();
    expect(outcome(again)).toEqual({ code: 0, output: expect.any(String) });
    expect(statSync(built).mtimeMs).toBe(before);
    expect(verifyAccessToken(again.stdout.trim(), DEVELOPMENT_JWT_SECRET)).toMatchObject({ role: 'doctor', doctorId: '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01' });
  }, 120_000);
});
