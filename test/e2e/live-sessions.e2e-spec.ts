import { EventStore } from '../../src/event-store/event-store';
import { SubscriptionRunner } from '../../src/event-store/subscriptions/subscription-runner';
import { LIVE_HANDSHAKE_BURST, LIVE_RESUME_COST, LIVE_RESUME_MAX_MESSAGES, LIVE_RESUME_PAGE_SIZE } from '../../src/notifications/live/live-limits';
import { signAccessToken, verifyAccessTokenWithExpiry } from '../../src/shared/auth/access-token';
import { bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { connectLive, liveClients, refusedLive } from '../support/live-client';
import { everySubscriptionPasses } from '../support/subscriptions';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A `/live` session ends with its token, and what a client sends (a resume, a reconnection
 * loop) is bounded: a resume reads only the events that concern the client, a client that
 * missed too much is told to reload, and handshakes per user are rate limited.
 */
describe('Live sessions: token expiry, bounded resumes, handshake limits', () => {
  let t: TestApp;
  let staff: string;
  const clients = liveClients(() => t.baseUrl);
  const connect = clients.connect;
  const lastPosition = async (): Promise<number> => {
    const [{ max }] = await t.dataSource.query(`select coalesce(max(position), 0)::int as max from events`);
    return max;
  };
  /** Until every subscription (the live one included) has passed the end of the log. */
  const everySubscriptionCaughtUp = async () =>
    everySubscriptionPasses(t.dataSource, await lastPosition(), t.app.get(SubscriptionRunner).discovered().map((handler) => handler.options.name), 30_000);
  /** Appends `count` bookings of Lukas with Dr. Richter in one transaction, as a busy day would. */
  const flood = async (count: number) => {
    await t.dataSource.query(
      `insert into events (event_id, aggregate_id, aggregate_type, version, event_type, schema_version, data, metadata)
       select gen_random_uuid(), id, 'Appointment', 1, 'AppointmentCreated', 2,
         jsonb_build_object('appointmentId', id, 'doctorId', $1::text, 'patientId', $2::text, 'roomId', $3::text,
           'appointmentTypeId', $4::text, 'start', '2027-04-09T07:00:00.000Z', 'end', '2027-04-09T07:20:00.000Z',
           'title', 'Follow-up', 'bufferBeforeMinutes', 0, 'bufferAfterMinutes', 5),
         '{"correlationId":"flood","causationId":"flood","actor":{"userId":"flood","role":"staff"},"requestId":null}'::jsonb
       from (select gen_random_uuid() as id from generate_series(1, $5::int)) ids`,
      [demo.richter.id, demo.lukas.id, demo.room2.id, demo.consultation.id, count],
    );
  };

  beforeAll(async () => {
    t = await startTestApp();
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(async () => {
    clients.closeAll();
    await t.close();
  });

  it('closes a socket when its token expires, says why, and takes the client back with a fresh token and since', async () => {
    // Given a front desk whose token expires in two seconds.
    const token = signAccessToken({ userId: 'desk-expiring', role: 'staff' }, t.config.jwtSecret, 2);
    const { expiresAt } = verifyAccessTokenWithExpiry(token, t.config.jwtSecret);
    const desk = await connect({ token });
    const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-04-05T09:00:00+02:00' }));
    const seen = Number(booked.headers.get('x-event-position'));

    // When the token's exp passes, then the server says why and disconnects, about then.
    await eventually(() => expect(desk.disconnected).not.toBeNull(), 6_000);
    expect(desk.disconnected!.reason).toBe('io server disconnect');
    expect(desk.disconnected!.at).toBeGreaterThanOrEqual(expiresAt!.getTime() - 50);
    expect(desk.disconnected!.at).toBeLessThan(expiresAt!.getTime() + 1_500);
    expect(desk.notices).toEqual([
      {
        event: 'session-expired',
        body: expect.objectContaining({ type: expect.stringMatching(/\/problems\/session-expired$/), title: 'Session expired', status: 401, expiredAt: expiresAt!.toISOString() }),
      },
    ]);

    // A change made meanwhile reaches the client once it is back with a fresh token.
    await t.http.post(`/appointments/${booked.body.id}/cancel`, staff, { reason: 'Travelling' });
    const back = await connect({ token: t.tokenFor({ role: 'staff' }), since: seen });
    await back.received(1);
    expect(back.messages.map((m) => [m.appointment.id, m.eventType])).toEqual([[booked.body.id, 'AppointmentCancelled']]);
  });

  it('refuses expired tokens and malformed since values with a problem the client can read, before any data', async () => {
    const expired = await refusedLive(t.baseUrl, { token: signAccessToken({ userId: 'late', role: 'staff' }, t.config.jwtSecret, -10) });
    expect(expired.message).toMatch(/^unauthorized/);
    expect(expired.problem).toMatchObject({ type: expect.stringMatching(/\/problems\/unauthorized$/), status: 401, detail: expect.stringMatching(/expired/) });
    expect(expired.received).toEqual([]);

    for (const since of ['abc', -1, 1.5, '12', 2 ** 53, { position: 1 }]) {
      const refused = await refusedLive(t.baseUrl, { token: staff, since });
      expect(refused.message).toMatch(/^invalid-request/);
      expect(refused.problem).toMatchObject({ type: expect.stringMatching(/\/problems\/invalid-request$/), status: 400, detail: expect.stringMatching(/since/) });
      expect(refused.received).toEqual([]);
    }
  });

  it('resumes a patient by reading only the events that concern them, however busy the clinic was', async () => {
    // Given Mia's dashboard, gone while the clinic books many appointments of others and two changes of hers.
    const mia = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
    const since = await lastPosition();
    await flood(LIVE_RESUME_MAX_MESSAGES + 50);
    const own = await t.http.post('/appointments', staff, bookingBody({ start: '2027-04-06T09:00:00+02:00' }));
    await t.http.post(`/appointments/${own.body.id}/reschedule`, staff, { start: '2027-04-06T10:00:00+02:00' });
    await everySubscriptionCaughtUp();

    // When she resumes, then she receives exactly her two changes, in order...
    const store = t.app.get(EventStore);
    const loaded: number[] = [];
    const count = <A extends unknown[], E>(read: (...args: A) => Promise<E[]>) =>
      async (...args: A) => {
        const events = await read(...args);
        loaded.push(events.length);
        return events;
      };
    const [readInCommitOrder, readStream] = [store.readInCommitOrder.bind(store), store.readStream.bind(store)];
    const byCommitOrder = jest.spyOn(store, 'readInCommitOrder').mockImplementation(count(readInCommitOrder));
    const byStream = jest.spyOn(store, 'readStream').mockImplementation(count(readStream));
    try {
      const resumed = await connect({ token: mia, since });
      await resumed.received(2);
      expect(resumed.messages.map((m) => [m.appointment.id, m.eventType])).toEqual([
        [own.body.id, 'AppointmentCreated'],
        [own.body.id, 'AppointmentRescheduled'],
      ]);
      expect(resumed.notices).toEqual([]);
      // ...and the server loaded a handful of events for it, not the hundreds the clinic wrote.
      const total = loaded.reduce((sum, n) => sum + n, 0);
      expect(total).toBeLessThanOrEqual(4);
    } finally {
      byCommitOrder.mockRestore();
      byStream.mockRestore();
    }
  });

  it('tells a client that missed more than a resume replays to reload, then goes on live', async () => {
    // Given a front desk gone while more changes were made than a resume replays.
    const since = await lastPosition();
    await flood(LIVE_RESUME_MAX_MESSAGES + 1);
    await everySubscriptionCaughtUp();
    const end = await lastPosition();

    // When it resumes, then it is told to resync (from where live messages go on), with no replay.
    const desk = await connect({ token: staff, since });
    await eventually(() => expect(desk.notices).toHaveLength(1));
    expect(desk.notices[0]).toEqual({
      event: 'resync-required',
      body: expect.objectContaining({ type: expect.stringMatching(/\/problems\/resync-required$/), title: 'Resync required', position: end }),
    });
    // Then live messages follow the notice.
    const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-04-07T09:00:00+02:00' }));
    await desk.received(1);
    expect(desk.messages.map((m) => [m.appointment.id, m.eventType])).toEqual([[booked.body.id, 'AppointmentCreated']]);

    // A since that names no event of this log (another database, a restore) cannot be replayed either.
    const stranger = await connect({ token: staff, since: end + 1_000_000 });
    await eventually(() => expect(stranger.notices.map((n) => n.event)).toEqual(['resync-required']));
    expect(stranger.messages).toEqual([]);
  });

  it('resumes a doctor with the appointments they lost to a reassignment as well as their own', async () => {
    const weber = t.tokenFor({ role: 'doctor', doctorId: demo.weber.id });
    const richter = t.tokenFor({ role: 'doctor', doctorId: demo.richter.id });
    const since = await lastPosition();
    const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-04-12T10:00:00+02:00' }));
    await t.http.post(`/appointments/${booked.body.id}/reassign`, staff, { doctorId: demo.richter.id, comment: 'Dr. Weber is away' });
    await t.http.post(`/appointments/${booked.body.id}/reschedule`, staff, { start: '2027-04-12T11:00:00+02:00' });
    await everySubscriptionCaughtUp();

    const [previous, current] = [await connect({ token: weber, since }), await connect({ token: richter, since })];
    await previous.received(2);
    await current.received(2);
    expect(previous.messages.map((m) => m.eventType)).toEqual(['AppointmentCreated', 'AppointmentReassigned']);
    expect(current.messages.map((m) => m.eventType)).toEqual(['AppointmentReassigned', 'AppointmentRescheduled']);
  });

  it('replays a long absence page by page, in commit order, to staff and to the doctor concerned', async () => {
    const since = await lastPosition();
    await flood(LIVE_RESUME_PAGE_SIZE * 2 + 7);
    await everySubscriptionCaughtUp();
    const inCommitOrder: Array<{ position: string }> = await t.dataSource.query(
      `select position from events where (transaction_id, position) > (select transaction_id, position from events where position = $1) order by transaction_id, position`,
      [since],
    );
    const expected = inCommitOrder.map((row) => Number(row.position));
    expect(expected).toHaveLength(LIVE_RESUME_PAGE_SIZE * 2 + 7);

    for (const token of [staff, t.tokenFor({ role: 'doctor', doctorId: demo.richter.id })]) {
      const resumed = await connect({ token, since });
      await resumed.received(expected.length);
      expect(resumed.messages.map((m) => m.position)).toEqual(expected);
      expect(resumed.messages.every((m) => m.eventType === 'AppointmentCreated' && m.appointment.status === 'booked')).toBe(true);
    }
  });

  it('sends what was missed before live changes made during the resume, with no gap and no duplicate', async () => {
    // Given a witness that stays connected and a stream of changes going on.
    const witness = await connect({ token: staff });
    const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-04-13T09:00:00+02:00' }));
    const moves = ['10:00', '11:00', '09:30', '10:30', '11:30', '09:00'];
    for (const time of moves.slice(0, 3)) await t.http.post(`/appointments/${booked.body.id}/reschedule`, staff, { start: `2027-04-13T${time}:00+02:00` });
    await witness.received(4);
    const since = witness.messages[1].position;

    // When a client resumes while more changes are being committed...
    const writes = (async () => {
      for (const time of moves.slice(3)) await t.http.post(`/appointments/${booked.body.id}/reschedule`, staff, { start: `2027-04-13T${time}:00+02:00` });
    })();
    const resumed = await connect({ token: staff, since });
    await writes;

    // ...then it receives exactly what the witness saw after `since`, in the same order.
    await witness.received(1 + moves.length);
    await resumed.received(moves.length - 1);
    await everySubscriptionCaughtUp();
    expect(resumed.messages.map((m) => m.position)).toEqual(witness.messages.slice(2).map((m) => m.position));
  });

  it('rate limits handshakes per user, resumes the most, with a problem that says when to come back, without touching other users', async () => {
    // Given one user's token used for a burst of resumes (each one reads the log).
    const token = t.tokenFor({ role: 'staff' });
    for (let i = 0; i < LIVE_HANDSHAKE_BURST / LIVE_RESUME_COST; i++) (await connect({ token, since: 0 })).close();

    // When it tries once more, then it is refused before the log is read, and told when to retry.
    const refused = await refusedLive(t.baseUrl, { token, since: 0 });
    expect(refused.message).toMatch(/^rate-limited/);
    expect(refused.problem).toMatchObject({ type: expect.stringMatching(/\/problems\/rate-limited$/), title: 'Too many requests', status: 429 });
    expect(refused.problem!.retryAfter).toEqual(expect.any(Number));
    expect(refused.problem!.retryAfter).toBeGreaterThan(0);
    expect(refused.received).toEqual([]);

    // Another user is not affected, and plain handshakes (no since) have a burst of their own size.
    const other = t.tokenFor({ role: 'staff' });
    let admitted = 0;
    for (;;) {
      const socket = await connectLive(t.baseUrl, { token: other }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      if (socket instanceof Error) {
        expect(socket.message).toMatch(/^rate-limited/);
        break;
      }
      socket.close();
      admitted++;
      expect(admitted).toBeLessThan(LIVE_HANDSHAKE_BURST * 2);
    }
    expect(admitted).toBeGreaterThanOrEqual(LIVE_HANDSHAKE_BURST);
  });
});
