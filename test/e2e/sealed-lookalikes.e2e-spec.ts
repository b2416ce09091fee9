import { SubscriptionRunner } from '../../src/event-store/subscriptions/subscription-runner';
import { isSealed } from '../../src/event-store/personal-data/personal-data-cipher';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { everySubscriptionPasses } from '../support/subscriptions';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Free text a client sends that looks like the store's own encoding of sealed personal data
 * (the old `pd1:` prefix, the new `{ sealed }` object written out as text) is plain text like
 * any other: stored sealed, read back as sent, and it stops nothing.
 */
describe('Free text shaped like sealed data', () => {
  let t: TestApp;
  let staff: string;
  let subscriptions: string[];

  beforeAll(async () => {
    t = await startTestApp();
    staff = t.tokenFor({ role: 'staff' });
    subscriptions = t.app.get(SubscriptionRunner).discovered().map((handler) => handler.options.name);
  });
  afterAll(() => t.close());

  const lookalikes = ['pd1:hello', 'pd1:', 'pd1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '{"sealed":"AAAA"}', '[erased]'];

  it.each(lookalikes)('given a booking titled %j, every subscription passes it and the text reads back as sent', async (text) => {
    const booked = await t.http.post('/appointments', staff, bookingBody({ title: text, start: nextSlot() }));
    expect(booked.status).toBe(201);
    expect(booked.body.title).toBe(text);
    const id = booked.body.id;

    const reassigned = await t.http.post(`/appointments/${id}/reassign`, staff, { roomId: demo.room2.id, comment: text });
    expect(reassigned.status).toBe(200);
    const cancelled = await t.http.post(`/appointments/${id}/cancel`, staff, { reason: text });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', title: text, cancellationReason: text });

    await everySubscriptionPasses(t.dataSource, Number(cancelled.headers.get('x-event-position')), subscriptions);
    const read = await t.http.get(`/appointments/${id}`, staff, afterWrite(cancelled));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ title: text, cancellationReason: text });
    const first = await t.http.get(`/appointments/${id}?version=1`, staff);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'booked', title: text });
    const history = await t.http.get(`/appointments/${id}/history`, staff, afterWrite(cancelled));
    expect(history.status).toBe(200);
    expect((await t.http.get('/health/ready')).status).toBe(200);

    // At rest the text is sealed like any other personal data.
    const rows: Array<{ data: Record<string, unknown> }> = await t.dataSource.query(`select data from events where aggregate_id = $1 order by version`, [id]);
    expect(isSealed(rows[0].data.title)).toBe(true);
    expect(isSealed(rows[1].data.comment)).toBe(true);
    expect(isSealed(rows[2].data.reason)).toBe(true);
  });

  let day = 0;
  /** Each case books its own weekday morning, so that the cases never overlap. */
  function nextSlot(): string {
    const date = new Date(Date.UTC(2027, 2, 22 + 7 * day++, 8, 0));
    return date.toISOString();
  }
});
