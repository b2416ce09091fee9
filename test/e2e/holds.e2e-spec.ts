import { Counter } from 'prom-client';
import { Metrics } from '../../src/observability/metrics';
import { demoHeldSlot } from '../support/booking-flow-events';
import { bookingBody, demo, holdBody } from '../support/demo';
import { eventually } from '../support/eventually';
import { expectWritesNothing } from '../support/hostile-input';
import { HttpResponse } from '../support/http-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('Slot holds over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let mia: string;
  let lukas: string;

  const hold = (overrides: Record<string, unknown> = {}, token = staff, headers?: Record<string, string>) => t.http.post('/holds', token, holdBody(overrides), headers);
  const release = (id: string, token = staff) => t.http.request('DELETE', `/holds/${id}`, { token });
  const eventsOf = (streamId: string) => t.dataSource.query(`select event_type as type, data from events where aggregate_id = $1 order by version`, [streamId]);
  const reservationOf = (id: string) => t.dataSource.query(`select kind, doctor_id, room_id, patient_id, lower(during) as "from", upper(during) as "to" from reservations where reserved_by = $1`, [id]);
  const timerOf = (id: string) => t.dataSource.query(`select expires_at from hold_expiries where hold_id = $1`, [id]);

  /** The hold commands counted so far, as `{ "<command> <outcome>": count }`. */
  async function holdCommands(): Promise<Record<string, number>> {
    const { values } = await (t.app.get(Metrics).registry.getSingleMetric('appointment_commands_total') as Counter).get();
    return Object.fromEntries(values.filter(({ labels }) => String(labels.command).endsWith('-hold')).map(({ labels, value }) => [`${labels.command} ${labels.outcome}`, value]));
  }

  /** What a count went up by between two readings of holdCommands, for the counts that did. */
  function increase(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
    return Object.fromEntries(Object.entries(after).flatMap(([name, value]) => (value === (before[name] ?? 0) ? [] : [[name, value - (before[name] ?? 0)]])));
  }

  function expectProblem(response: HttpResponse, status: number, code: string) {
    expect({ status: response.status, type: response.body?.type }).toEqual({ status, type: `/problems/${code}` });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }

  async function held(overrides: Record<string, unknown> = {}, token = staff): Promise<string> {
    const response = await hold(overrides, token);
    expect(response.status).toBe(201);
    return response.body.id;
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { HOLD_EXPIRY_CHECK_MS: '50' } });
    admin = t.tokenFor({ role: 'admin' });
    staff = t.tokenFor({ role: 'staff' });
    mia = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
    lukas = t.tokenFor({ role: 'patient', patientId: demo.lukas.id });
  });
  afterAll(() => t.close());

  it('holds a slot (201 with the hold, Location, X-Event-Position): a reservations row of kind hold with the type buffers, and a durable timer', async () => {
    const response = await hold({}, mia);
    expect(response.status).toBe(201);
    const { id } = response.body;
    expect(response.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'held', ...demoHeldSlot, appointmentId: null });
    expect(response.headers.get('location')).toBe(`/holds/${id}`);
    expect(Number(response.headers.get('x-event-position'))).toBeGreaterThan(0);
    expect(await eventsOf(id)).toEqual([{ type: 'SlotHeld', data: expect.objectContaining({ holdId: id, bufferBeforeMinutes: 0, bufferAfterMinutes: 5, expiresAt: '2027-03-01T08:10:00.000Z' }) }]);
    expect(await reservationOf(id)).toEqual([
      { kind: 'hold', doctor_id: demo.weber.id, room_id: demo.room1.id, patient_id: demo.mia.id, from: new Date('2027-03-22T08:00:00Z'), to: new Date('2027-03-22T08:25:00Z') },
    ]);
    expect(await timerOf(id)).toEqual([{ expires_at: new Date('2027-03-01T08:10:00Z') }]);
    expect((await t.http.get(`/holds/${id}`, mia)).body).toEqual(response.body);
    expect((await t.http.get(`/holds/${id}`, lukas)).status).toBe(404);
    expect((await release(id, mia)).status).toBe(204);
  });

  it('takes the slot from everyone else: a booking, another hold and a reschedule into it are 409 naming the doctor, room or patient', async () => {
    const id = await held({ start: '2027-03-22T10:00:00+01:00' });
    const booking = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-22T10:00:00+01:00', patientId: demo.lukas.id }));
    expectProblem(booking, 409, 'slot-taken');
    expect(booking.body.detail).toContain(demo.weber.name);
    const otherHold = await hold({ start: '2027-03-22T10:10:00+01:00', doctorId: demo.richter.id, patientId: demo.lukas.id });
    expectProblem(otherHold, 409, 'slot-taken');
    expect(otherHold.body.detail).toContain(demo.room1.name);
    const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-22T11:00:00+01:00', patientId: demo.emma.id }));
    expect(booked.status).toBe(201);
    const reschedule = await t.http.post(`/appointments/${booked.body.id}/reschedule`, staff, { start: '2027-03-22T10:00:00+01:00' });
    expectProblem(reschedule, 409, 'slot-taken');
    expect(reschedule.body.detail).toMatch(new RegExp(`${demo.weber.name}|${demo.room1.name}`));
    expect((await release(id)).status).toBe(204);
  });

  it('is shown as busy by the availability', async () => {
    const startsOn = async () => {
      const slots = await t.http.get(`/doctors/${demo.weber.id}/availability?date=2027-03-29&appointmentTypeId=${demo.consultation.id}&roomId=${demo.room1.id}`, staff);
      expect(slots.status).toBe(200);
      return (slots.body.slots as Array<{ start: string }>).map((slot) => slot.start);
    };
    expect(await startsOn()).toContain('2027-03-29T07:00:00.000Z');
    const id = await held({ start: '2027-03-29T09:00:00+02:00' });
    expect(await startsOn()).not.toContain('2027-03-29T07:00:00.000Z');
    expect((await release(id)).status).toBe(204);
    expect(await startsOn()).toContain('2027-03-29T07:00:00.000Z');
  });

  it('is released (204): the slot is free again, the timer gone; a second release is 410', async () => {
    const id = await held({ start: '2027-03-23T09:00:00+01:00' });
    const released = await release(id);
    expect(released.status).toBe(204);
    expect(Number(released.headers.get('x-event-position'))).toBeGreaterThan(0);
    expect((await eventsOf(id)).map((event: { type: string }) => event.type)).toEqual(['SlotHeld', 'HoldReleased']);
    expect(await reservationOf(id)).toEqual([]);
    expect(await timerOf(id)).toEqual([]);
    expectProblem(await release(id), 410, 'hold-gone');
    expectProblem(await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-23T09:00:00+01:00', holdId: id })), 410, 'hold-gone');
    expect((await t.http.get(`/holds/${id}`, staff)).body.status).toBe('released');
    expect((await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-23T09:00:00+01:00' }))).status).toBe(201);
  });

  it('is released only by its patient or staff: another patient finds no hold (404), a doctor may not (403)', async () => {
    const id = await held({ start: '2027-03-23T10:00:00+01:00' });
    expectProblem(await release(id, lukas), 404, 'hold-not-found');
    expectProblem(await release(id, t.tokenFor({ role: 'doctor', doctorId: demo.weber.id })), 403, 'forbidden');
    expectProblem(await release('00000000-0000-4000-8000-000000000000'), 404, 'hold-not-found');
    expect((await release(id, mia)).status).toBe(204);
  });

  it('is refused for a patient holding for someone else (403), and by the booking rules (422)', async () => {
    await expectWritesNothing(t.dataSource, async () => {
      expectProblem(await hold({ patientId: demo.lukas.id }, mia), 403, 'forbidden');
      expectProblem(await hold({ start: '2027-03-22T07:00:00+01:00' }), 422, 'outside-working-hours');
      expectProblem(await hold({ start: '2027-02-22T09:00:00+01:00' }), 422, 'start-in-past');
      expectProblem(await hold({ end: '2027-03-22T09:00:00+01:00' }), 422, 'end-not-after-start');
      expectProblem(await hold({ roomId: '00000000-0000-4000-8000-000000000000' }), 422, 'unknown-reference');
    });
  });

  it('converts with POST /appointments holdId: 201 with the appointment, HoldConverted and AppointmentCreated with the hold id, one reservation left', async () => {
    const id = await held({ start: '2027-03-24T09:00:00+01:00' }, mia);
    const booked = await t.http.post('/appointments', mia, bookingBody({ start: '2027-03-24T09:00:00+01:00', holdId: id }));
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ status: 'booked', start: '2027-03-24T08:00:00.000Z', end: '2027-03-24T08:20:00.000Z', patientId: demo.mia.id });
    expect(booked.headers.get('location')).toBe(`/appointments/${booked.body.id}`);
    expect(await eventsOf(id)).toEqual([expect.objectContaining({ type: 'SlotHeld' }), { type: 'HoldConverted', data: expect.objectContaining({ holdId: id, appointmentId: booked.body.id }) }]);
    expect(await eventsOf(booked.body.id)).toEqual([{ type: 'AppointmentCreated', data: expect.objectContaining({ holdId: id }) }]);
    expect(await reservationOf(id)).toEqual([]);
    expect(await reservationOf(booked.body.id)).toHaveLength(1);
    expect(await timerOf(id)).toEqual([]);
    expect((await t.http.get(`/holds/${id}`, mia)).body).toMatchObject({ status: 'converted', appointmentId: booked.body.id });
    expectProblem(await t.http.post('/appointments', mia, bookingBody({ start: '2027-03-24T09:00:00+01:00', holdId: id })), 410, 'hold-gone');
  });

  it('converts only into the held slot (422), only for its holder (another patient: 404), and writes nothing when refused', async () => {
    const id = await held({ start: '2027-03-24T10:00:00+01:00' });
    await expectWritesNothing(t.dataSource, async () => {
      const mismatch = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-24T10:00:00+01:00', roomId: demo.room2.id, holdId: id }));
      expectProblem(mismatch, 422, 'hold-mismatch');
      expect(mismatch.body.differences).toEqual([{ field: 'roomId', held: demo.room1.id, asked: demo.room2.id }]);
      expectProblem(await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-24T10:00:00+01:00', end: '2027-03-24T10:30:00+01:00', holdId: id })), 422, 'hold-mismatch');
      expectProblem(await t.http.post('/appointments', lukas, bookingBody({ start: '2027-03-24T10:00:00+01:00', patientId: demo.lukas.id, holdId: id })), 404, 'hold-not-found');
      expectProblem(await t.http.post('/appointments', mia, bookingBody({ start: '2027-03-24T10:00:00+01:00', patientId: demo.lukas.id, holdId: id })), 403, 'forbidden');
    });
    expect((await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-24T10:00:00+01:00', end: '2027-03-24T10:20:00+01:00', holdId: id }))).status).toBe(201);
  });

  it('honours Idempotency-Key on POST /holds and on a converting booking (the first answer again, not a 410)', async () => {
    const key = { 'idempotency-key': 'hold-key-1' };
    const first = await hold({ start: '2027-03-25T09:00:00+01:00' }, staff, key);
    const again = await hold({ start: '2027-03-25T09:00:00+01:00' }, staff, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('x-event-position')).toBe(first.headers.get('x-event-position'));
    expectProblem(await hold({ start: '2027-03-25T10:00:00+01:00' }, staff, key), 422, 'idempotency-key-reused');
    expect(await eventsOf(first.body.id)).toHaveLength(1);

    const convertKey = { 'idempotency-key': 'convert-key-1' };
    const body = bookingBody({ start: '2027-03-25T09:00:00+01:00', holdId: first.body.id });
    const converted = await t.http.post('/appointments', staff, body, convertKey);
    const replayed = await t.http.post('/appointments', staff, body, convertKey);
    expect(converted.status).toBe(201);
    expect(replayed.status).toBe(201);
    expect(replayed.body).toEqual(converted.body);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect((await eventsOf(first.body.id)).map((event: { type: string }) => event.type)).toEqual(['SlotHeld', 'HoldConverted']);
  });

  describe('blocks of the schedule versus holds', () => {
    it('a time off over a hold is a 409 listing the hold; with cancelAppointments it releases the hold in its transaction', async () => {
      const id = await held({ start: '2027-03-26T09:00:00+01:00' });
      const timeOff = { start: '2027-03-26T08:00:00+01:00', end: '2027-03-26T12:00:00+01:00', reason: 'Training' };
      const refused = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, timeOff);
      expectProblem(refused, 409, 'appointments-in-the-way');
      expect(refused.body.conflicts).toEqual([{ holdId: id, start: '2027-03-26T08:00:00.000Z', end: '2027-03-26T08:20:00.000Z' }]);
      expect(await reservationOf(id)).toHaveLength(1);

      const scheduled = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, { ...timeOff, cancelAppointments: true });
      expect(scheduled.status).toBe(201);
      expect(scheduled.body.cancelledAppointmentIds).toEqual([]);
      expect((await eventsOf(id)).map((event: { type: string }) => event.type)).toEqual(['SlotHeld', 'HoldReleased']);
      expect(await reservationOf(id)).toEqual([]);
      expect(await timerOf(id)).toEqual([]);
      expectProblem(await hold({ start: '2027-03-26T09:00:00+01:00' }), 409, 'time-blocked');
    });

    it('a room block releases both the appointment and the hold in its way', async () => {
      const id = await held({ start: '2027-03-26T14:00:00+01:00' });
      const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-26T15:00:00+01:00', patientId: demo.lukas.id }));
      const scheduled = await t.http.post(`/rooms/${demo.room1.id}/blocks`, admin, { start: '2027-03-26T13:00:00+01:00', end: '2027-03-26T17:00:00+01:00', reason: 'Repairs', cancelAppointments: true });
      expect(scheduled.status).toBe(201);
      expect(scheduled.body.cancelledAppointmentIds).toEqual([booked.body.id]);
      expect((await eventsOf(id)).map((event: { type: string }) => event.type)).toEqual(['SlotHeld', 'HoldReleased']);
    });
  });

  it('refuses hostile input on the body and the path (400) and writes nothing', async () => {
    await expectWritesNothing(t.dataSource, async () => {
      for (const body of [
        { ...holdBody(), extra: 1 },
        { ...holdBody(), doctorId: 'not-a-uuid' },
        { ...holdBody(), start: 'tomorrow' },
        { ...holdBody(), start: '2027-03-22T09:00:00' },
        { ...holdBody(), end: 17 },
        { ...holdBody(), patientId: { $ne: null } },
        { ...holdBody(), roomId: ['a'] },
        { doctorId: demo.weber.id },
      ]) {
        expectProblem(await t.http.post('/holds', staff, body), 400, 'invalid-request');
      }
      expectProblem(await t.http.request('POST', '/holds', { token: staff, rawBody: '{"doctorId":', headers: { 'content-type': 'application/json' } }), 400, 'invalid-request');
      expectProblem(await t.http.post('/holds', staff, holdBody(), { 'if-match': '"1"' }), 400, 'invalid-request');
      expectProblem(await t.http.post('/appointments', staff, bookingBody({ holdId: 'hold-1' })), 400, 'invalid-request');
      for (const path of ['/holds/not-a-uuid', '/holds/1%27%20or%201=1', `/holds/${'9'.repeat(60)}`]) {
        expectProblem(await t.http.request('DELETE', path, { token: staff }), 400, 'invalid-request');
        expectProblem(await t.http.get(path, staff), 400, 'invalid-request');
      }
      expect((await t.http.post('/holds', undefined, holdBody())).status).toBe(401);
      expectProblem(await t.http.post('/holds', t.tokenFor({ role: 'doctor', doctorId: demo.weber.id }), holdBody()), 403, 'forbidden');
    });
  });

  it('counts each hold command with the appointment commands (appointment_commands_total), by how it ended', async () => {
    const before = await holdCommands();
    const start = '2027-03-30T09:00:00+02:00';
    const id = await held({ start }, mia);
    expectProblem(await hold({ start }), 409, 'slot-taken');
    expectProblem(await t.http.post('/appointments', staff, bookingBody({ start, roomId: demo.room2.id, holdId: id })), 422, 'hold-mismatch');
    expect((await release(id, mia)).status).toBe(204);
    expectProblem(await release(id, mia), 410, 'hold-gone');
    expect(increase(before, await holdCommands())).toEqual({
      'place-hold ok': 1,
      'place-hold conflict': 1,
      'convert-hold rule_broken': 1,
      'release-hold ok': 1,
      'release-hold gone': 1,
    });
  });

  // Last: it moves the clock past every hold's expiry.
  it('expires by its durable timer (HoldExpired once, the slot free again); a conversion at or after expiresAt is 410', async () => {
    const id = await held({ start: '2027-03-31T09:00:00+02:00' });
    const late = await held({ start: '2027-03-31T10:00:00+02:00' });
    t.clock.set('2027-03-01T08:10:00Z');
    await eventually(async () => expect((await eventsOf(id)).map((event: { type: string }) => event.type)).toEqual(['SlotHeld', 'HoldExpired']));
    expect(await reservationOf(id)).toEqual([]);
    expect(await timerOf(id)).toEqual([]);
    expectProblem(await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-31T09:00:00+02:00', holdId: id })), 410, 'hold-gone');
    await eventually(async () => expect(await timerOf(late)).toEqual([]));
    expectProblem(await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-31T10:00:00+02:00', holdId: late })), 410, 'hold-gone');
    expect((await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-31T09:00:00+02:00' }))).status).toBe(201);
    const expired: Array<{ n: number }> = await t.dataSource.query(`select count(*)::int as n from events where event_type = 'HoldExpired' and aggregate_id = $1`, [id]);
    expect(expired).toEqual([{ n: 1 }]);
    await eventually(async () => {
      const [{ n: expiredInAll }]: Array<{ n: number }> = await t.dataSource.query(`select count(*)::int as n from events where event_type = 'HoldExpired'`);
      expect((await holdCommands())['expire-hold ok']).toBe(expiredInAll);
    });
  });
});
