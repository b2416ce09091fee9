import { DEVELOPMENT_JWT_SECRET } from '../../src/config/app-config';
import { signAccessToken } from '../../src/shared/auth/access-token';
import { AppProcess, MAIN, startAppProcess } from '../support/app-process';
import { runProgram } from '../support/cli-process';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { connectLive, refusedLive } from '../support/live-client';
import { SmtpSink } from '../support/smtp-sink';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const staff = signAccessToken({ userId: 'desk', role: 'staff' }, DEVELOPMENT_JWT_SECRET);

describe('An API process and a worker process on one database', () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let api: AppProcess;
  let worker: AppProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = new SmtpSink();
    await sink.start();
    const shared = { DATABASE_URL: database.url, SMTP_URL: sink.url, REDIS_URL };
    api = await startAppProcess({ ...shared, RUN_SUBSCRIPTIONS: 'false' });
    worker = await startAppProcess({ ...shared, RUN_HTTP: 'false', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'info' });
  }, 60_000);

  afterAll(async () => {
    for (const instance of [api, worker]) {
      instance.child.kill('SIGTERM');
      await instance.exited;
    }
    await sink.close();
    await database.drop();
  });

  it('books through the API; the worker projects it (read-your-writes through the API), emails it and pushes it to the API dashboards', async () => {
    const live = await connectLive(api.baseUrl, { token: staff });
    try {
      const http = new HttpClient(api.baseUrl);
      const booked = await http.post('/appointments', staff, bookingBody());
      expect(booked.status).toBe(201);

      const read = await http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked));
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: booked.body.id, status: 'booked' });

      await eventually(() => expect(sink.to(demo.mia.email)).toHaveLength(1), 15_000);
      expect(sink.to(demo.mia.email)[0].subject).toMatch(/^Appointment booked/);
      await live.received(1);
      expect(live.messages[0].appointment).toMatchObject({ id: booked.body.id, status: 'booked' });
    } finally {
      live.close();
    }
  });

  it('the worker answers /health and /metrics on its port and 404 for every API route, and accepts no live clients', async () => {
    const http = new HttpClient(worker.baseUrl);
    for (const path of ['/health', '/health/live', '/health/ready']) {
      const health = await http.get(path);
      expect({ path, status: health.status }).toEqual({ path, status: 200 });
    }
    const metrics = await fetch(`${worker.baseUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^subscription_lag_events\{subscription="appointment-details"\} 0$/m);

    for (const [method, path] of [['GET', '/appointments'], ['POST', '/appointments'], ['GET', '/dashboard'], ['GET', '/api-docs'], ['GET', `/doctors/${demo.weber.id}/schedule?date=2027-03-22`]]) {
      const response = await http.request(method, path, { token: staff, body: method === 'POST' ? bookingBody() : undefined });
      expect({ method, path, status: response.status, type: response.headers.get('content-type'), problem: response.body?.type }).toEqual({
        method,
        path,
        status: 404,
        type: 'application/problem+json; charset=utf-8',
        problem: '/problems/not-found',
      });
    }
    const refused = await refusedLive(worker.baseUrl, { token: staff });
    expect(refused.received).toEqual([]);
    expect(worker.output()).toContain('Worker (RUN_HTTP=false): subscriptions only');
  });

  it('refuses to start an instance with RUN_HTTP=false and RUN_SUBSCRIPTIONS=false, naming both', async () => {
    const refused = await runProgram(process.execPath, [MAIN], { DATABASE_URL: database.url, RUN_HTTP: 'false', RUN_SUBSCRIPTIONS: 'false' }, 20_000);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('RUN_HTTP and RUN_SUBSCRIPTIONS are both false');
  });
});
