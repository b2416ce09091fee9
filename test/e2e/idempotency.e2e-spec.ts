import { Client } from 'pg';
import { bookingBody, demo } from '../support/demo';
import { startTestApp, TestApp } from '../support/test-app';

describe('Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const createdEvents = async (): Promise<number> =>
    (await t.dataSource.query(`select count(*)::int as count from events where event_type = 'AppointmentCreated'`))[0].count;

  it('returns the first response again for the same key and body, booking once', async () => {
    const staff = t.tokenFor({ role: 'staff', userId: 'desk-1' });
    const before = await createdEvents();
    const first = await t.http.post('/appointments', staff, bookingBody(), { 'idempotency-key': 'booking-1' });
    expect(first.status).toBe(201);
    // The same body with its keys in another order is the same request.
    const { title, ...rest } = bookingBody();
    const again = await t.http.post('/appointments', staff, { title, ...rest }, { 'idempotency-key': 'booking-1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('x-event-position')).toBe(first.headers.get('x-event-position'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await createdEvents()).toBe(before + 1);
  });

  it('answers 422 when the key is reused with another body', async () => {
    const staff = t.tokenFor({ role: 'staff', userId: 'desk-2' });
    const first = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-23T09:00:00+01:00' }), { 'idempotency-key': 'k-2' });
    expect(first.status).toBe(201);
    const other = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-23T10:00:00+01:00' }), { 'idempotency-key': 'k-2' });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('/problems/idempotency-key-reused');
  });

  it('scopes keys per user: another user never receives the stored response', async () => {
    const desk3 = t.tokenFor({ role: 'staff', userId: 'desk-3' });
    const desk4 = t.tokenFor({ role: 'staff', userId: 'desk-4' });
    const mine = await t.http.post('/appointments', desk3, bookingBody({ start: '2027-03-24T09:00:00+01:00' }), { 'idempotency-key': 'shared-key' });
    expect(mine.status).toBe(201);
    const theirs = await t.http.post(
      '/appointments',
      desk4,
      bookingBody({ start: '2027-03-24T09:00:00+01:00', patientId: demo.lukas.id, roomId: demo.room2.id, doctorId: demo.richter.id }),
      { 'idempotency-key': 'shared-key' },
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers 409 while a request with the same key is still in flight', async () => {
    const staff = t.tokenFor({ role: 'staff', userId: 'desk-5' });
    // Hold the key's transaction lock from another connection, as an unfinished first request does.
    const holder = new Client({ connectionString: t.database.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`idempotency:${JSON.stringify(['desk-5', 'slow-key'])}`]);
      const concurrent = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-25T09:00:00+01:00' }), { 'idempotency-key': 'slow-key' });
      expect(concurrent.status).toBe(409);
      expect(concurrent.body.type).toBe('/problems/idempotency-key-in-flight');
      await holder.query('rollback');
    } finally {
      await holder.end();
    }
    const afterwards = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-25T09:00:00+01:00' }), { 'idempotency-key': 'slow-key' });
    expect(afterwards.status).toBe(201);
  });

  it('stores nothing for a failed command, so the same key can be retried', async () => {
    const staff = t.tokenFor({ role: 'staff', userId: 'desk-6' });
    const past = await t.http.post('/appointments', staff, bookingBody({ start: '2020-01-06T09:00:00+01:00' }), { 'idempotency-key': 'retry-me' });
    expect(past.status).toBe(422);
    const [{ count }] = await t.dataSource.query(`select count(*)::int as count from idempotency_keys where key = 'retry-me'`);
    expect(count).toBe(0);
  });

  it('rejects a malformed key', async () => {
    const staff = t.tokenFor({ role: 'staff' });
    const response = await t.http.post('/appointments', staff, bookingBody(), { 'idempotency-key': 'x'.repeat(300) });
    expect(response.status).toBe(400);
  });
});
