import { Client } from 'pg';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { HttpResponse } from '../support/http-client';
import { startTestApp, TestApp } from '../support/test-app';

const LISTENER_BACKENDS = `select pid from pg_stat_activity where application_name = 'subscription-listener' and datname = current_database()`;

async function listenerPids(db: Client): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>(LISTENER_BACKENDS);
  return rows.map((row) => row.pid);
}

function expectDatabaseUnavailable(response: HttpResponse): void {
  expect({ status: response.status, contentType: response.headers.get('content-type'), retryAfter: response.headers.get('retry-after') }).toEqual({
    status: 503,
    contentType: 'application/problem+json; charset=utf-8',
    retryAfter: '5',
  });
  expect(response.body).toMatchObject({ type: '/problems/database-unavailable', status: 503, title: 'Database unavailable' });
}

describe('The notification listener after its connection is lost', () => {
  let app: TestApp;
  let apiOnly: TestApp;
  let db: Client;

  beforeAll(async () => {
    // A poll far longer than the test: only a notification can wake the subscriptions in time.
    app = await startTestApp({ env: { SUBSCRIPTION_POLL_MS: '600000' } });
    apiOnly = await startTestApp({ database: app.database, seed: false, env: { RUN_SUBSCRIPTIONS: 'false' } });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await apiOnly.close();
    await app.close();
  });

  it('given its backend terminated twice, when it is back, then there is exactly one listener and commits of another instance still wake the subscriptions', async () => {
    const seen = new Set<number>(await eventually(async () => {
      const pids = await listenerPids(db);
      expect(pids).toHaveLength(1);
      return pids;
    }));
    for (let loss = 1; loss <= 2; loss++) {
      await db.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'subscription-listener' and datname = current_database()`);
      const pids = await eventually(async () => {
        const current = await listenerPids(db);
        expect(current.length).toBeGreaterThan(0);
        expect(current.filter((pid) => seen.has(pid))).toEqual([]);
        return current;
      });
      pids.forEach((pid) => seen.add(pid));
    }

    const staff = apiOnly.tokenFor({ role: 'staff' });
    const booked = await apiOnly.http.post('/appointments', staff, bookingBody());
    expect(booked.status).toBe(201);
    const read = await app.http.get(`/appointments/${booked.body.id}`, app.tokenFor({ role: 'staff' }), afterWrite(booked));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: booked.body.id, status: 'booked' });

    expect(await listenerPids(db)).toHaveLength(1);
  });
});

describe('Requests while PostgreSQL is unreachable', () => {
  let app: TestApp;
  let admin: Client;
  let databaseName: string;

  beforeAll(async () => {
    app = await startTestApp();
    databaseName = new URL(app.database.url).pathname.slice(1);
    admin = new Client({ connectionString: process.env.TEST_DATABASE_SERVER_URL });
    await admin.connect();
  });

  afterAll(async () => {
    await admin.query(`alter database "${databaseName}" allow_connections true`);
    await admin.end();
    await app.close();
  });

  it('given the database refusing connections, when queries and commands arrive, then each is a 503 with Retry-After, and after it is back they work again', async () => {
    const staff = app.tokenFor({ role: 'staff' });
    expect((await app.http.get('/appointments', staff)).status).toBe(200);

    await admin.query(`alter database "${databaseName}" allow_connections false`);
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [databaseName]);

    expectDatabaseUnavailable(await app.http.get('/appointments', staff));
    expectDatabaseUnavailable(await app.http.get(`/doctors/${demo.weber.id}`, staff));
    expectDatabaseUnavailable(await app.http.get(`/doctors/${demo.weber.id}/availability?date=2027-03-22&appointmentTypeId=${demo.consultation.id}`, staff));
    expectDatabaseUnavailable(await app.http.post('/appointments', staff, bookingBody()));
    expectDatabaseUnavailable(await app.http.post('/appointments', staff, bookingBody(), { 'idempotency-key': 'during-the-outage' }));
    expect((await app.http.get('/health/live')).status).toBe(200);
    const ready = await app.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details).toMatchObject({ database: { status: 'down' }, subscriptions: { status: 'down' } });
    // The process's own metrics still answer; the database's gauges have no sample meanwhile.
    const metrics = await fetch(`${app.baseUrl}/metrics`);
    expect(metrics.status).toBe(200);
    const exposition = await metrics.text();
    expect(exposition).toContain('process_resident_memory_bytes');
    expect(exposition).not.toMatch(/^subscription_lag_events\{/m);

    await admin.query(`alter database "${databaseName}" allow_connections true`);

    await eventually(async () => expect((await app.http.get('/appointments', staff)).status).toBe(200));
    const booked = await app.http.post('/appointments', staff, bookingBody(), { 'idempotency-key': 'during-the-outage' });
    expect(booked.status).toBe(201);
    expect(booked.headers.get('idempotent-replayed')).toBeNull();
    expect((await app.http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked))).body).toMatchObject({ status: 'booked' });
    await eventually(async () => expect((await app.http.get('/health/ready')).status).toBe(200));
  });
});
