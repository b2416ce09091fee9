import { randomUUID } from 'node:crypto';
import { jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { assertPublishable } from '../../src/integration-events/integration-event-schemas';
import { JETSTREAM_PUBLISHER } from '../../src/integration-events/jetstream-publisher';
import { bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { startTestApp, TestApp } from '../support/test-app';

const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const PRIVATE = ['Title-Marker-7Q', 'Comment-Marker-7Q', 'Reason-Marker-7Q'];

describe('Public integration events', () => {
  let t: TestApp;
  let service: string;
  let nats: NatsConnection;
  let streams: JetStreamManager;
  const stream = `TEST_APPOINTMENTS_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-22T06:00:00Z', env: { NATS_URL, NATS_STREAM: stream, SUBSCRIPTION_POLL_MS: '100' } });
    service = t.tokenFor({ role: 'service' });
    nats = await connect({ servers: NATS_URL });
    streams = await jetstreamManager(nats);

    const staff = t.tokenFor({ role: 'staff' });
    const send = async (path: string, body: unknown = {}) => {
      const response = await t.http.post(path, staff, body);
      expect(response.status).toBeLessThan(300);
      return response.body;
    };
    // Monday 2027-03-22 in Berlin (CET): one appointment through its whole life, one
    // cancelled, one no-show.
    const a = await send('/appointments', bookingBody({ title: PRIVATE[0] }));
    await send(`/appointments/${a.id}/reschedule`, { start: '2027-03-22T10:00:00+01:00' });
    await send(`/appointments/${a.id}/reassign`, { roomId: demo.room2.id, comment: PRIVATE[1] });
    await send(`/appointments/${a.id}/check-in`);
    await send(`/appointments/${a.id}/complete`);
    const b = await send('/appointments', bookingBody({ start: '2027-03-22T11:00:00+01:00', patientId: demo.lukas.id }));
    await send(`/appointments/${b.id}/cancel`, { reason: PRIVATE[2] });
    const c = await send('/appointments', bookingBody({ start: '2027-03-22T13:00:00+01:00', patientId: demo.emma.id }));
    t.clock.set('2027-03-22T12:30:00Z');
    await send(`/appointments/${c.id}/no-show`);
  });

  afterAll(async () => {
    await t.close();
    await streams.streams.delete(stream).catch(() => undefined);
    await nats.close();
  });

  const EXPECTED_TYPES = [
    'appointment.booked.v1',
    'appointment.rescheduled.v1',
    'appointment.reassigned.v1',
    'appointment.checked-in.v1',
    'appointment.fulfilled.v1',
    'appointment.booked.v1',
    'appointment.cancelled.v1',
    'appointment.booked.v1',
    'appointment.noshow.v1',
  ];

  const feed = async (query = '') => {
    const response = await t.http.get(`/integration-events${query}`, service);
    expect(response.status).toBe(200);
    return response.body;
  };

  it('serves every change in commit order, positions 1..n without gaps, each valid against its published schema', async () => {
    const page = await eventually(async () => {
      const body = await feed();
      expect(body.items).toHaveLength(EXPECTED_TYPES.length);
      return body;
    });

    expect(page.items.map((item: { position: number }) => item.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(page.items.map((item: { event: { type: string } }) => item.event.type)).toEqual(EXPECTED_TYPES);
    expect(page).toMatchObject({ nextAfter: 9, lastPosition: 9 });
    for (const { event } of page.items) expect(() => assertPublishable(event)).not.toThrow();
    expect(page.items[2].event.payload.participant[2].actor.reference).toBe(`Location/${demo.room2.id}`);
    expect(page.items[4].event.payload).toMatchObject({ status: 'fulfilled', start: '2027-03-22T09:00:00.000Z', meta: { versionId: '5' } });
    const text = JSON.stringify(page);
    for (const marker of PRIVATE) expect(text).not.toContain(marker);
    expect(text).not.toContain(demo.mia.name);
  });

  it('resumes from any position', async () => {
    const all = (await feed()).items;
    const middle = await feed('?after=4&limit=3');
    expect(middle.items).toEqual(all.slice(4, 7));
    expect(middle.nextAfter).toBe(7);
    const rest = await feed(`?after=${middle.nextAfter}`);
    expect(rest.items).toEqual(all.slice(7));
    expect(await feed('?after=9')).toMatchObject({ items: [], nextAfter: 9, lastPosition: 9 });
  });

  it('is for service (and admin) tokens only, and rejects a bad position or limit', async () => {
    expect((await t.http.get('/integration-events')).status).toBe(401);
    expect((await t.http.get('/integration-events', t.tokenFor({ role: 'staff' }))).status).toBe(403);
    expect((await t.http.get('/integration-events', t.tokenFor({ role: 'admin' }))).status).toBe(200);
    for (const query of ['?after=-1', '?limit=0', '?limit=1001', '?after=abc', '?from=1']) {
      const response = await t.http.get(`/integration-events${query}`, service);
      expect({ query, status: response.status, type: response.headers.get('content-type') }).toEqual({
        query,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
    }
  });

  it('publishes each event to JetStream on its type subject, in order, with the event id as message id', async () => {
    const items = (await feed()).items;
    await eventually(async () => expect((await streams.streams.info(stream)).state.messages).toBe(items.length));

    const consumer = await (await import('@nats-io/jetstream')).jetstream(nats).consumers.get(stream);
    for (const { event } of items) {
      const message = await consumer.next({ expires: 5000 });
      expect(message).not.toBeNull();
      expect({ subject: message!.subject, id: message!.headers?.get('Nats-Msg-Id'), body: message!.json() }).toEqual({
        subject: event.type,
        id: event.id,
        body: event,
      });
    }
  });

  it('publishes again after losing its cursor, and the stream drops the duplicates', async () => {
    const count = (await feed()).lastPosition;
    await eventually(async () => expect((await streams.streams.info(stream)).state.messages).toBe(count));
    await t.dataSource.query(`update publication_cursors set position = 0 where name = $1`, [JETSTREAM_PUBLISHER]);

    await eventually(async () => {
      const [{ position }] = await t.dataSource.query(`select position from publication_cursors where name = $1`, [JETSTREAM_PUBLISHER]);
      expect(Number(position)).toBe(count);
    });
    expect((await streams.streams.info(stream)).state.messages).toBe(count);
  });
});
