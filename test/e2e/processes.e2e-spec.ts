import { Client } from 'pg';
import { DEVELOPMENT_JWT_SECRET } from '../../src/config/app-config';
import { signAccessToken } from '../../src/shared/auth/access-token';
import { AppProcess, startAppProcess } from '../support/app-process';
import { bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { HttpClient, HttpResponse } from '../support/http-client';
import { connectLive } from '../support/live-client';
import { SmtpSink } from '../support/smtp-sink';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const staff = signAccessToken({ userId: 'desk', role: 'staff' }, DEVELOPMENT_JWT_SECRET);

/** Distinct half-hour slots of Dr. Weber (Mon-Fri 08:00-12:00 and 13:00-17:00 in Berlin), from 2027-05-03. */
function slot(index: number): string {
  const day = Math.floor(index / 16);
  const date = new Date(Date.UTC(2027, 4, 3 + day + 2 * Math.floor(day / 5)));
  const minutes = [8 * 60, 13 * 60][Math.floor((index % 16) / 8)] + (index % 8) * 30;
  const local = `${date.toISOString().slice(0, 10)}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+02:00`;
  return local;
}

describe('Real app processes', () => {
  let database: TestDatabase;
  let db: Client;
  let sink: SmtpSink;
  const count = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0].count as number;

  beforeEach(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    sink = new SmtpSink();
    await sink.start();
  });
  afterEach(async () => {
    await db.end();
    await sink.close();
    await database.drop();
  });

  it('shuts down gracefully on SIGTERM under load: exit 0, every 2xx stored, everything caught up after restart', async () => {
    const app = await startAppProcess({ DATABASE_URL: database.url, SMTP_URL: sink.url, LOG_LEVEL: 'info' });
    const http = new HttpClient(app.baseUrl);
    const responses: Array<Promise<HttpResponse | null>> = [];
    for (let i = 0; i < 80; i++) {
      responses.push(http.post('/appointments', staff, bookingBody({ start: slot(i) })).catch(() => null));
      if (i === 40) app.child.kill('SIGTERM');
      await new Promise((resolve) => setImmediate(resolve));
    }
    const settled = await Promise.all(responses);
    const exit = await Promise.race([app.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 20_000))]);
    expect({ exit, output: exit === 0 ? '' : app.output().slice(-3000) }).toEqual({ exit: 0, output: '' });

    const accepted = settled.filter((r): r is HttpResponse => r !== null && r.status === 201).map((r) => r.body.id as string);
    expect(accepted.length).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as count from events where event_type = 'AppointmentCreated' and aggregate_id = any($1)`, [accepted])).toBe(accepted.length);

    const restarted = await startAppProcess({ DATABASE_URL: database.url, SMTP_URL: sink.url });
    try {
      const created = await count(`select count(*)::int as count from events`);
      await eventually(async () => {
        expect(await count(`select count(*)::int as count from appointment_details`)).toBe(created);
        expect(await count(`select count(*)::int as count from subscription_checkpoints where position < (select max(position) from events)`)).toBe(0);
        expect(await count(`select count(*)::int as count from email_outbox where status = 'sent'`)).toBe(2 * created);
      }, 30_000);
      expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(sink.received.length);
    } finally {
      restarted.child.kill('SIGKILL');
    }
  }, 90_000);

  it('runs two instances: each subscription and email once, dashboards on either see every change, takeover after SIGKILL', async () => {
    const env = { DATABASE_URL: database.url, SMTP_URL: sink.url, REDIS_URL };
    const instances: AppProcess[] = [await startAppProcess(env), await startAppProcess(env)];
    const clients = await Promise.all(instances.map((instance) => connectLive(instance.baseUrl, { token: staff })));
    try {
      for (let i = 0; i < 6; i++) {
        const response = await new HttpClient(instances[i % 2].baseUrl).post('/appointments', staff, bookingBody({ start: slot(i) }));
        expect(response.status).toBe(201);
      }
      for (const client of clients) await client.received(6);
      await eventually(() => expect(sink.received).toHaveLength(12));
      expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(12);

      // The instance holding the subscriptions' locks dies; the other takes them over.
      const [{ application_name }] = (
        await db.query(
          `select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
           where l.locktype = 'advisory' and a.datname = current_database() and a.application_name like 'subscription-locks:%' limit 1`,
        )
      ).rows;
      const holder = instances.find((instance) => application_name === `subscription-locks:${instance.child.pid}`)!;
      const survivor = instances.find((instance) => instance !== holder)!;
      holder.child.kill('SIGKILL');
      await holder.exited;

      const started = Date.now();
      const response = await new HttpClient(survivor.baseUrl).post('/appointments', staff, bookingBody({ start: slot(6), patientId: demo.lukas.id }));
      expect(response.status).toBe(201);
      await eventually(async () => {
        expect(await count(`select count(*)::int as count from appointment_details where id = $1`, [response.body.id])).toBe(1);
        expect(sink.to(demo.lukas.email)).toHaveLength(1);
      }, 15_000);
      expect(Date.now() - started).toBeLessThan(10_000);
      const survivorClient = clients[instances.indexOf(survivor)];
      await survivorClient.received(7);
      await eventually(() => expect(sink.received).toHaveLength(14));
    } finally {
      clients.forEach((client) => client.close());
      instances.forEach((instance) => instance.child.kill('SIGKILL'));
    }
  });
});
