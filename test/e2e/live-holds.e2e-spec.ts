import { SUBSCRIPTIONS } from '../../src/subscription-registry';
import { bookingBody, demo, holdBody } from '../support/demo';
import { eventually } from '../support/eventually';
import { LiveClient, liveClients } from '../support/live-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('Slot holds over the live updates', () => {
  let t: TestApp;
  let staff: string;
  const clients = liveClients(() => t.baseUrl);
  const connect = clients.connect;

  const holdEvents = (client: LiveClient) => client.holds.map((m) => [m.hold.id, m.eventType, m.hold.status]);

  async function liveCheckpointAtLog(): Promise<number> {
    const [{ max }] = await t.dataSource.query<[{ max: number }]>(`select max(position)::int as max from events`);
    await eventually(async () => {
      const [row] = await t.dataSource.query<[{ position: string }]>(`select position from subscription_checkpoints where name = $1`, [SUBSCRIPTIONS.liveUpdates]);
      expect(Number(row.position)).toBe(max);
    });
    return max;
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { HOLD_EXPIRY_CHECK_MS: '50', HOLD_TTL_SECONDS: '600' } });
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(async () => {
    clients.closeAll();
    await t.close();
  });

  it('shows a hold appear and end (released, converted) to staff, its doctor and its patient, and to nobody else', async () => {
    const desk = await connect({ token: staff });
    const weber = await connect({ token: t.tokenFor({ role: 'doctor', doctorId: demo.weber.id }) });
    const richter = await connect({ token: t.tokenFor({ role: 'doctor', doctorId: demo.richter.id }) });
    const mia = await connect({ token: t.tokenFor({ role: 'patient', patientId: demo.mia.id }) });
    const lukas = await connect({ token: t.tokenFor({ role: 'patient', patientId: demo.lukas.id }) });

    const held = await t.http.post('/holds', staff, holdBody());
    expect(held.status).toBe(201);
    await desk.receivedHolds(1);
    expect(desk.holds[0]).toEqual({
      position: Number(held.headers.get('x-event-position')),
      eventType: 'SlotHeld',
      hold: {
        id: held.body.id,
        status: 'held',
        doctorId: demo.weber.id,
        roomId: demo.room1.id,
        patientId: demo.mia.id,
        appointmentTypeId: demo.consultation.id,
        start: held.body.start,
        end: held.body.end,
        expiresAt: held.body.expiresAt,
        waitlistEntryId: null,
        appointmentId: null,
      },
      correlationId: expect.any(String),
    });

    const released = await t.http.request('DELETE', `/holds/${held.body.id}`, { token: staff });
    expect(released.status).toBe(204);
    const again = await t.http.post('/holds', staff, holdBody());
    expect(again.status).toBe(201);
    const booked = await t.http.post('/appointments', staff, bookingBody({ holdId: again.body.id }));
    expect(booked.status).toBe(201);

    for (const client of [desk, weber, mia]) await client.receivedHolds(4);
    expect(holdEvents(desk)).toEqual([
      [held.body.id, 'SlotHeld', 'held'],
      [held.body.id, 'HoldReleased', 'released'],
      [again.body.id, 'SlotHeld', 'held'],
      [again.body.id, 'HoldConverted', 'converted'],
    ]);
    expect(desk.holds[3].hold.appointmentId).toBe(booked.body.id);
    const positions = desk.holds.map((m) => m.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(weber.holds).toEqual(desk.holds);
    expect(mia.holds).toEqual(desk.holds);

    // Richter and Lukas are told only of Lukas's hold with Dr. Richter, never of Mia's.
    const other = await t.http.post('/holds', staff, holdBody({ doctorId: demo.richter.id, patientId: demo.lukas.id, roomId: demo.room2.id, start: '2027-03-24T10:00:00+01:00' }));
    expect(other.status).toBe(201);
    await richter.receivedHolds(1);
    await lukas.receivedHolds(1);
    await desk.receivedHolds(5);
    expect(holdEvents(richter)).toEqual([[other.body.id, 'SlotHeld', 'held']]);
    expect(holdEvents(lukas)).toEqual([[other.body.id, 'SlotHeld', 'held']]);
    expect(weber.holds).toHaveLength(4);
    expect(mia.holds).toHaveLength(4);
    await t.http.request('DELETE', `/holds/${other.body.id}`, { token: staff });
  });

  it('resumes with since: the missed holds once each, in order, a patient only their own', async () => {
    const since = await liveCheckpointAtLog();
    const mine = await t.http.post('/holds', staff, holdBody({ start: '2027-03-25T09:00:00+01:00' }));
    const theirs = await t.http.post('/holds', staff, holdBody({ patientId: demo.lukas.id, start: '2027-03-25T11:00:00+01:00' }));
    await t.http.request('DELETE', `/holds/${mine.body.id}`, { token: staff });
    await liveCheckpointAtLog();

    const desk = await connect({ token: staff, since });
    const mia = await connect({ token: t.tokenFor({ role: 'patient', patientId: demo.mia.id }), since });
    await desk.receivedHolds(3);
    await mia.receivedHolds(2);
    expect(holdEvents(desk)).toEqual([
      [mine.body.id, 'SlotHeld', 'held'],
      [theirs.body.id, 'SlotHeld', 'held'],
      [mine.body.id, 'HoldReleased', 'released'],
    ]);
    expect(holdEvents(mia)).toEqual([
      [mine.body.id, 'SlotHeld', 'held'],
      [mine.body.id, 'HoldReleased', 'released'],
    ]);

    // Then the live ones, after what the resume replayed.
    await t.http.request('DELETE', `/holds/${theirs.body.id}`, { token: staff });
    await desk.receivedHolds(4);
    expect(holdEvents(desk)[3]).toEqual([theirs.body.id, 'HoldReleased', 'released']);
    expect(new Set(desk.holds.map((m) => m.position)).size).toBe(4);
    expect(mia.holds).toHaveLength(2);
  });

  it('sends waitlist entries to staff and the entry\'s patient as `waitlist` messages, to nobody else', async () => {
    const desk = await connect({ token: staff });
    const mia = await connect({ token: t.tokenFor({ role: 'patient', patientId: demo.mia.id }) });
    const lukas = await connect({ token: t.tokenFor({ role: 'patient', patientId: demo.lukas.id }) });
    const weber = await connect({ token: t.tokenFor({ role: 'doctor', doctorId: demo.weber.id }) });

    const joined = await t.http.post('/waitlist', staff, { patientId: demo.mia.id, appointmentTypeId: demo.consultation.id, from: '2027-04-05', to: '2027-04-09' });
    expect(joined.status).toBe(201);
    expect((await t.http.request('DELETE', `/waitlist/${joined.body.id}`, { token: staff })).status).toBe(204);

    await eventually(() => expect(desk.waitlists).toHaveLength(2));
    await eventually(() => expect(mia.waitlists).toHaveLength(2));
    expect(desk.waitlists.map((m) => [m.eventType, m.waitlist.id, m.waitlist.status])).toEqual([
      ['WaitlistJoined', joined.body.id, 'waiting'],
      ['WaitlistEntryCancelled', joined.body.id, 'cancelled'],
    ]);
    expect(mia.waitlists).toEqual(desk.waitlists);
    await liveCheckpointAtLog();
    expect(lukas.waitlists).toEqual([]);
    expect(weber.waitlists).toEqual([]);
  });

  it('shows a hold end when its timer expires it', async () => {
    const desk = await connect({ token: staff });
    const held = await t.http.post('/holds', staff, holdBody({ start: '2027-03-26T09:00:00+01:00' }));
    expect(held.status).toBe(201);
    await desk.receivedHolds(1);

    t.clock.set(held.body.expiresAt);
    await desk.receivedHolds(2);
    expect(holdEvents(desk)).toEqual([
      [held.body.id, 'SlotHeld', 'held'],
      [held.body.id, 'HoldExpired', 'expired'],
    ]);
  });
});
