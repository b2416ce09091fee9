import { io } from 'socket.io-client';
import { SUBSCRIPTIONS } from '../../src/subscription-registry';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { liveClients } from '../support/live-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('Live updates over socket.io', () => {
  let t: TestApp;
  let staff: string;
  const clients = liveClients(() => t.baseUrl);
  const connect = clients.connect;

  beforeAll(async () => {
    t = await startTestApp();
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(async () => {
    clients.closeAll();
    await t.close();
  });

  it('refuses the handshake without a valid token, before any data', async () => {
    for (const auth of [{}, { token: 'nonsense' }, { token: staff.slice(0, -4) + 'abcd' }, { token: t.tokenFor({ role: 'service' }) }]) {
      const socket = io(`${t.baseUrl}/live`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
      const received: unknown[] = [];
      socket.on('appointment', (m) => received.push(m));
      const error = await new Promise<Error>((resolve, reject) => {
        socket.once('connect_error', resolve);
        socket.once('connect', () => reject(new Error('connected without a valid token')));
      });
      expect(error.message).toMatch(/^unauthorized/);
      expect(received).toEqual([]);
      socket.close();
    }
  });

  it('sends staff every change, a doctor and a patient only their own, in order', async () => {
    const desk = await connect({ token: staff });
    const weber = await connect({ token: t.tokenFor({ role: 'doctor', doctorId: demo.weber.id }) });
    const richter = await connect({ token: t.tokenFor({ role: 'doctor', doctorId: demo.richter.id }) });
    const mia = await connect({ token: t.tokenFor({ role: 'patient', patientId: demo.mia.id }) });
    const lukas = await connect({ token: t.tokenFor({ role: 'patient', patientId: demo.lukas.id }) });

    const booked = await t.http.post('/appointments', staff, bookingBody());
    const id = booked.body.id;
    await t.http.post(`/appointments/${id}/reschedule`, staff, { start: '2027-03-22T10:00:00+01:00' });
    await t.http.post(`/appointments/${id}/cancel`, staff, { reason: 'Changed plans' });

    for (const client of [desk, weber, mia]) await client.received(3);
    expect(desk.messages.map((m) => m.eventType)).toEqual(['AppointmentCreated', 'AppointmentRescheduled', 'AppointmentCancelled']);
    const positions = desk.messages.map((m) => m.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(desk.messages[2]).toMatchObject({ appointment: { id, status: 'cancelled', version: 3, doctor: { name: 'Dr. Anna Weber' } } });
    expect(weber.messages).toEqual(desk.messages);
    expect(mia.messages).toEqual(desk.messages);

    // Richter and Lukas are told nothing of Mia's appointment with Dr. Weber.
    const other = await t.http.post('/appointments', staff, bookingBody({ doctorId: demo.richter.id, patientId: demo.lukas.id, start: '2027-03-24T10:00:00+01:00' }));
    await richter.received(1);
    await lukas.received(1);
    expect(richter.messages.map((m) => m.appointment.id)).toEqual([other.body.id]);
    expect(lukas.messages.map((m) => m.appointment.id)).toEqual([other.body.id]);
    await t.http.get(`/appointments/${other.body.id}`, staff, afterWrite(other));
  });

  it('resumes with since: every missed change once, in order, then live ones', async () => {
    const first = await connect({ token: staff });
    const a = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-25T09:00:00+01:00' }));
    await first.received(1);
    const lastSeen = first.messages[first.messages.length - 1].position;
    first.close();

    // Missed while disconnected: a move, a booking and a cancellation.
    await t.http.post(`/appointments/${a.body.id}/reschedule`, staff, { start: '2027-03-25T10:00:00+01:00' });
    const b = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-25T11:00:00+01:00', patientId: demo.emma.id }));
    await t.http.post(`/appointments/${b.body.id}/cancel`, staff, { reason: 'Duplicate' });
    const [{ max }] = await t.dataSource.query<[{ max: number }]>(`select max(position)::int as max from events`);
    await eventually(async () => {
      const [row] = await t.dataSource.query<[{ position: string }]>(`select position from subscription_checkpoints where name = $1`, [SUBSCRIPTIONS.liveUpdates]);
      expect(Number(row.position)).toBe(max);
    });

    const resumed = await connect({ token: staff, since: lastSeen });
    await resumed.received(3);
    expect(resumed.messages.map((m) => [m.appointment.id, m.eventType])).toEqual([
      [a.body.id, 'AppointmentRescheduled'],
      [b.body.id, 'AppointmentCreated'],
      [b.body.id, 'AppointmentCancelled'],
    ]);
    await t.http.post(`/appointments/${a.body.id}/cancel`, staff, { reason: 'Travelling' });
    await resumed.received(4);
    expect(resumed.messages[3]).toMatchObject({ eventType: 'AppointmentCancelled', appointment: { id: a.body.id } });
    expect(new Set(resumed.messages.map((m) => m.position)).size).toBe(4);
  });

  it('resumes a patient with only their own missed changes', async () => {
    const mia = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
    const [{ max }] = await t.dataSource.query<[{ max: number }]>(`select max(position)::int as max from events`);
    const own = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-26T09:00:00+01:00' }));
    await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-26T11:00:00+01:00', patientId: demo.lukas.id }));
    await eventually(async () => {
      const [row] = await t.dataSource.query<[{ position: string }]>(`select position from subscription_checkpoints where name = $1`, [SUBSCRIPTIONS.liveUpdates]);
      expect(Number(row.position)).toBeGreaterThanOrEqual(max + 2);
    });
    const resumed = await connect({ token: mia, since: max });
    await resumed.received(1);
    await t.http.get('/appointments?limit=1', staff, afterWrite(own));
    expect(resumed.messages.map((m) => m.appointment.id)).toEqual([own.body.id]);
  });
});
