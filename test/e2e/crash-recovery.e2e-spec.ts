import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { signAccessToken } from '../../src/shared/auth/access-token';
import { DEVELOPMENT_JWT_SECRET } from '../../src/config/app-config';
import { crashAppProcess, startAppProcess, stopAppProcess, usingAppProcess } from '../support/app-process';
import { bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { SmtpSink } from '../support/smtp-sink';
import { processTestDatabase } from '../support/test-database';

const REBUILD_CLI = join(__dirname, '..', '..', 'dist', 'cli', 'rebuild-projections.cli.js');

describe('Crash safety of the read side (real processes)', () => {
  const database = processTestDatabase();
  const staff = signAccessToken({ userId: 'desk', role: 'staff' }, DEVELOPMENT_JWT_SECRET);

  const count = async (sql: string) => (await database.query(sql)).rows[0].count as number;
  const checksums = async () => ({
    details: (await database.query(`select count(*)::int as rows, md5(string_agg(t::text, '|' order by id)) as sum from appointment_details t`)).rows[0],
    schedule: (await database.query(`select count(*)::int as rows, md5(string_agg(t::text, '|' order by appointment_id)) as sum from doctor_schedule t`)).rows[0],
  });

  it('catches up after a SIGKILL between the appends and the projections, equal to a full rebuild', async () => {
    // An instance that only serves the API: its appends commit, no projection runs.
    const apiOnly = await startAppProcess({ DATABASE_URL: database.url, RUN_SUBSCRIPTIONS: 'false' });
    const http = new HttpClient(apiOnly.baseUrl);
    const booked: string[] = [];
    for (let day = 0; day < 5; day++) {
      const response = await http.post('/appointments', staff, bookingBody({ start: `2027-05-0${3 + day}T09:00:00+02:00` }));
      expect(response.status).toBe(201);
      booked.push(response.body.id);
    }
    expect((await http.post(`/appointments/${booked[0]}/reschedule`, staff, { start: '2027-05-03T11:00:00+02:00' })).status).toBe(200);
    expect((await http.post(`/appointments/${booked[1]}/cancel`, staff, { reason: 'Unwell' })).status).toBe(200);

    await crashAppProcess(apiOnly);
    expect(await count(`select count(*)::int as count from events`)).toBe(7);
    expect(await count(`select count(*)::int as count from appointment_details`)).toBe(0);

    await usingAppProcess({ DATABASE_URL: database.url }, async (restarted) => {
      await eventually(async () => {
        expect(await count(`select count(*)::int as count from appointment_details`)).toBe(5);
        expect(await count(`select count(*)::int as count from doctor_schedule`)).toBe(5);
        expect(await count(`select count(*)::int as count from subscription_checkpoints c where c.position < (select max(position) from events)`)).toBe(0);
      }, 20_000);
      const [first] = (await database.query(`select version, start, history from appointment_details where id = $1`, [booked[0]])).rows;
      expect(first.version).toBe(2);
      expect(first.history).toHaveLength(2);
      const live = await checksums();

      // A rebuild from the log, run as its own process while the app keeps serving.
      const rebuild = spawnSync(process.execPath, [REBUILD_CLI, 'all'], { env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8' });
      expect(rebuild.status).toBe(0);
      expect(rebuild.stdout).toContain('appointment-details: rebuilt from 7 events');
      expect(await checksums()).toEqual(live);

      await stopAppProcess(restarted);
    });
  });

  it('sends the emails an app wrote to its outbox but was killed before sending, once', async () => {
    const sink = new SmtpSink();
    await sink.start();
    await sink.stop();
    const before = await count(`select count(*)::int as count from email_outbox`);
    const crashing = await startAppProcess({ DATABASE_URL: database.url, SMTP_URL: sink.url, EMAIL_RETRY_BASE_MS: '60000' });
    const http = new HttpClient(crashing.baseUrl);
    expect((await http.post('/appointments', staff, bookingBody({ start: '2027-05-10T09:00:00+02:00', patientId: demo.emma.id }))).status).toBe(201);
    await eventually(async () => expect(await count(`select count(*)::int as count from email_outbox where attempts > 0`)).toBe(before + 2));
    await crashAppProcess(crashing);

    await sink.start();
    try {
      await usingAppProcess({ DATABASE_URL: database.url, SMTP_URL: sink.url }, async () => {
        // The failed attempt set the next one a minute out (and a send cut short by the kill
        // holds its lease for two minutes): bring them forward rather than wait.
        await database.query(`update email_outbox set next_attempt_at = now(), locked_until = null where status = 'pending'`);
        await eventually(async () => expect(await count(`select count(*)::int as count from email_outbox where status = 'sent' and appointment_id in (select id from appointment_details where patient_id = '${demo.emma.id}')`)).toBe(2), 20_000);
        expect(sink.received.map((m) => m.to[0]).sort()).toEqual([demo.emma.email, demo.weber.email].sort());
      });
    } finally {
      await sink.close();
    }
  });
});
