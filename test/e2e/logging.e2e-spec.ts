import { Client } from 'pg';
import { DEVELOPMENT_JWT_SECRET } from '../../src/config/app-config';
import { signAccessToken } from '../../src/shared/auth/access-token';
import { startAppProcess } from '../support/app-process';
import { bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { connectLive } from '../support/live-client';
import { SmtpSink } from '../support/smtp-sink';
import { createTestDatabase } from '../support/test-database';

describe('Structured logs and correlation (real process)', () => {
  it('follows one booking by its correlation id from request to events, email and websocket, with no secrets in the logs', async () => {
    const database = await createTestDatabase();
    const sink = new SmtpSink();
    await sink.start();
    const app = await startAppProcess({ DATABASE_URL: database.url, SMTP_URL: sink.url, LOG_LEVEL: 'info' });
    const db = new Client({ connectionString: database.url });
    await db.connect();
    const staff = signAccessToken({ userId: 'desk-7', role: 'staff' }, DEVELOPMENT_JWT_SECRET);
    const dashboard = await connectLive(app.baseUrl, { token: staff });
    try {
      const booked = await new HttpClient(app.baseUrl).post('/appointments', staff, bookingBody(), { 'x-correlation-id': 'trace-me-123' });
      expect(booked.status).toBe(201);

      const [{ metadata }] = (await db.query(`select metadata from events where aggregate_id = $1`, [booked.body.id])).rows;
      expect(metadata.correlationId).toBe('trace-me-123');
      await eventually(() => expect(sink.to(demo.mia.email)).toHaveLength(1));
      expect(sink.to(demo.mia.email)[0].headers.get('x-correlation-id')).toBe('trace-me-123');
      await dashboard.received(1);
      expect(dashboard.messages[0]).toMatchObject({ correlationId: 'trace-me-123', appointment: { id: booked.body.id } });

      const lines = app
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const requestLines = lines.filter((line) => line.correlationId === 'trace-me-123');
      expect(requestLines.length).toBeGreaterThanOrEqual(2);
      for (const line of requestLines) expect(line.reqId).toBe(booked.headers.get('x-request-id'));
      expect(requestLines.map((line) => line.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));

      const everything = app.output();
      expect(everything).not.toContain(staff);
      expect(everything).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
    } finally {
      dashboard.close();
      app.child.kill('SIGKILL');
      await db.end();
      await sink.close();
      await database.drop();
    }
  });
});
