import { Injectable } from '@nestjs/common';
import { AppointmentCreated } from '../../src/appointments/domain/appointment.events';
import { DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../../src/event-store/subscriptions/durable-events-handler.decorator';
import { SubscriptionEntry } from '../../src/event-store/subscriptions/subscription-registry';
import { SUBSCRIPTIONS } from '../../src/subscription-registry';
import { afterWrite, bookingBody } from '../support/demo';
import { eventually } from '../support/eventually';
import { connectLive } from '../support/live-client';
import { startTestApp, TestApp } from '../support/test-app';

/** A projection with a bug: it cannot apply an appointment titled "poison". */
@Injectable()
@DurableEventsHandler({ name: 'buggy-projection', events: [AppointmentCreated] })
class BuggyProjection implements DurableBatchHandler<AppointmentCreated> {
  async handleBatch(events: ReadonlyArray<DeliveredEvent<AppointmentCreated>>): Promise<void> {
    for (const { event } of events) if (event.data.title === 'poison') throw new Error('cannot project poison');
  }
}

const BUGGY_PROJECTION: SubscriptionEntry = { name: 'buggy-projection', feeds: [{ kind: 'read table', target: 'none: it only fails' }], onFailure: 'stop', rebuildable: false };

/** The value of one sample of a Prometheus text exposition, or undefined. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = metrics
    .split('\n')
    .find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && wanted.every((label) => l.includes(label)));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('Health and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ providers: [BuggyProjection], subscriptions: [BUGGY_PROJECTION], env: { SUBSCRIPTION_MAX_ATTEMPTS: '1' } });
  });
  afterAll(() => t.close());

  it('tells liveness from readiness', async () => {
    const live = await t.http.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, subscriptions: { status: 'up' } });
  });

  it('exposes every metric family with plausible values after a booking', async () => {
    const staff = t.tokenFor({ role: 'staff' });
    const dashboard = await connectLive(t.baseUrl, { token: staff });
    const booked = await t.http.post('/appointments', staff, bookingBody());
    const taken = await t.http.post('/appointments', staff, bookingBody());
    expect(taken.status).toBe(409);
    await t.http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked));

    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(sample(metrics, 'http_request_duration_seconds_count', { method: 'POST', route: '/appointments', status_code: '201' })).toBe(1);
    expect(sample(metrics, 'http_request_duration_seconds_count', { route: '/appointments/:id', status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'appointment_commands_total', { command: 'book', outcome: 'ok' })).toBe(1);
    expect(sample(metrics, 'appointment_commands_total', { command: 'book', outcome: 'conflict' })).toBe(1);
    expect(sample(metrics, 'events_appended_total', { event_type: 'AppointmentCreated' })).toBe(1);
    expect(sample(metrics, 'subscription_lag_events', { subscription: SUBSCRIPTIONS.appointmentDetails })).toBe(0);
    expect(sample(metrics, 'subscription_lag_seconds', { subscription: SUBSCRIPTIONS.appointmentDetails })).toBe(0);
    expect(sample(metrics, 'email_outbox_depth')).toBeGreaterThanOrEqual(0);
    expect(sample(metrics, 'dead_letters_parked', { source: 'email-outbox' })).toBe(0);
    expect(sample(metrics, 'websocket_clients')).toBe(1);
    expect(sample(metrics, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    dashboard.close();
  });

  it('turns unready when a projection is stopped by a failing handler', async () => {
    const staff = t.tokenFor({ role: 'staff' });
    await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-23T09:00:00+01:00', title: 'poison' }));
    await eventually(async () => {
      const ready = await t.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(ready.body.details.subscriptions['buggy-projection']).toMatchObject({ status: 'stopped', failure: expect.stringContaining('cannot project poison') });
    });
    expect((await t.http.get('/health/live')).status).toBe(200);
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(sample(metrics, 'subscription_stopped', { subscription: 'buggy-projection' })).toBe(1);
  });
});
