import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { Client } from 'pg';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { HttpResponse } from '../support/http-client';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/** The method and status of an email's invitation, read back by a real iCalendar parser. */
function inviteOf(calendar: string | null) {
  if (!calendar) throw new Error('no calendar part');
  const component = new ICAL.Component(ICAL.parse(calendar));
  const event = component.getFirstSubcomponent('vevent')!;
  return { method: component.getFirstPropertyValue('method'), uid: event.getFirstPropertyValue('uid'), status: event.getFirstPropertyValue('status') };
}

describe('Time off, clinic closures and room blocks over HTTP', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let admin: string;
  let staff: string;
  let weberHimself: string;
  let richterHimself: string;
  let patient: string;

  const del = (path: string, token: string, headers?: Record<string, string>) => t.http.request('DELETE', path, { token, headers });
  const book = async (overrides: Record<string, unknown>) => {
    const booked = await t.http.post('/appointments', staff, bookingBody(overrides));
    expect(booked.status).toBe(201);
    return booked;
  };
  const eventCount = async (type: string) => Number((await t.dataSource.query(`select count(*)::int as n from events where event_type = $1`, [type]))[0].n);
  const reservationsOf = (id: string) => t.dataSource.query(`select kind, doctor_id, room_id, lower(span) as start, upper(span) as "end" from reservations where reserved_by = $1`, [id]);

  function expectProblem(response: HttpResponse, status: number, code: string) {
    expect({ status: response.status, type: response.body?.type }).toEqual({ status, type: `/problems/${code}` });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }

  beforeAll(async () => {
    await sink.start();
    t = await startTestApp({ env: { SMTP_URL: sink.url, EMAIL_RETRY_BASE_MS: '50', REMINDER_CHECK_MS: '3600000' } });
    admin = t.tokenFor({ role: 'admin' });
    staff = t.tokenFor({ role: 'staff' });
    weberHimself = t.tokenFor({ role: 'doctor', doctorId: demo.weber.id });
    richterHimself = t.tokenFor({ role: 'doctor', doctorId: demo.richter.id });
    patient = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  describe('time off', () => {
    it('is scheduled (201), listed for admin, staff and the doctor, and cancelled (204), which frees its time', async () => {
      const scheduled = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, { start: '2027-04-05T00:00:00+02:00', end: '2027-04-10T00:00:00+02:00', reason: 'Easter holidays' });
      expect(scheduled.status).toBe(201);
      expect(scheduled.body).toEqual({
        id: expect.any(String),
        doctorId: demo.weber.id,
        start: '2027-04-04T22:00:00.000Z',
        end: '2027-04-09T22:00:00.000Z',
        reason: 'Easter holidays',
        cancelledAppointmentIds: [],
      });
      expect(await reservationsOf(scheduled.body.id)).toEqual([
        { kind: 'time-off', doctor_id: demo.weber.id, room_id: null, start: new Date('2027-04-04T22:00:00Z'), end: new Date('2027-04-09T22:00:00Z') },
      ]);

      for (const token of [admin, staff, weberHimself]) {
        const listed = await t.http.get(`/doctors/${demo.weber.id}/time-off?from=2027-04-01T00:00:00Z&to=2027-05-01T00:00:00Z`, token, afterWrite(scheduled));
        expect(listed.status).toBe(200);
        expect(listed.body).toEqual({ items: [{ id: scheduled.body.id, doctorId: demo.weber.id, start: '2027-04-04T22:00:00.000Z', end: '2027-04-09T22:00:00.000Z', reason: 'Easter holidays' }], nextCursor: null });
      }
      const outside = await t.http.get(`/doctors/${demo.weber.id}/time-off?from=${encodeURIComponent('2027-04-10T00:00:00+02:00')}`, staff, afterWrite(scheduled));
      expect(outside.body.items).toEqual([]);

      const refused = await t.http.post('/appointments', staff, bookingBody({ start: '2027-04-06T09:00:00+02:00' }));
      expectProblem(refused, 409, 'time-blocked');

      const cancelled = await del(`/doctors/${demo.weber.id}/time-off/${scheduled.body.id}`, admin);
      expect(cancelled.status).toBe(204);
      expect(cancelled.headers.get('x-event-position')).toMatch(/^\d+$/);
      expect(await reservationsOf(scheduled.body.id)).toEqual([]);
      const listed = await t.http.get(`/doctors/${demo.weber.id}/time-off`, staff, afterWrite(cancelled));
      expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(scheduled.body.id);
      await book({ start: '2027-04-06T09:00:00+02:00' });

      expectProblem(await del(`/doctors/${demo.weber.id}/time-off/${scheduled.body.id}`, admin), 404, 'not-found');
    });

    it('defaults the reason to "time off" and may span midnight in the doctor’s zone', async () => {
      const scheduled = await t.http.post(`/doctors/${demo.richter.id}/time-off`, admin, { start: '2027-04-12T22:00:00+02:00', end: '2027-04-13T06:00:00+02:00' });
      expect(scheduled.status).toBe(201);
      expect(scheduled.body).toMatchObject({ reason: 'time off', start: '2027-04-12T20:00:00.000Z', end: '2027-04-13T04:00:00.000Z' });
    });

    it('is written and cancelled by admins only, and a doctor reads only their own', async () => {
      const body = { start: '2027-04-19T08:00:00+02:00', end: '2027-04-19T09:00:00+02:00' };
      for (const token of [staff, weberHimself, patient]) expectProblem(await t.http.post(`/doctors/${demo.weber.id}/time-off`, token, body), 403, 'forbidden');
      expect((await t.http.post(`/doctors/${demo.weber.id}/time-off`, undefined, body)).status).toBe(401);
      expectProblem(await t.http.get(`/doctors/${demo.weber.id}/time-off`, patient), 403, 'forbidden');
      expectProblem(await t.http.get(`/doctors/${demo.weber.id}/time-off`, richterHimself), 404, 'not-found');
      expectProblem(await del(`/doctors/${demo.weber.id}/time-off/${randomUUID()}`, staff), 403, 'forbidden');
    });

    it('answers 404 for an unknown doctor or time off, also when the id names another kind of stream', async () => {
      const unknown = randomUUID();
      expectProblem(await t.http.post(`/doctors/${unknown}/time-off`, admin, { start: '2027-04-19T08:00:00+02:00', end: '2027-04-19T09:00:00+02:00' }), 404, 'not-found');
      expectProblem(await t.http.get(`/doctors/${unknown}/time-off`, staff), 404, 'not-found');
      expectProblem(await del(`/doctors/${demo.weber.id}/time-off/${unknown}`, admin), 404, 'not-found');
      const appointment = await book({ start: '2027-04-20T10:00:00+02:00' });
      expectProblem(await del(`/doctors/${appointment.body.id}/time-off/${unknown}`, admin), 404, 'not-found');
    });
  });

  describe('bad requests', () => {
    const valid = { start: '2027-05-03T08:00:00+02:00', end: '2027-05-03T09:00:00+02:00', reason: 'Training' };
    const routes = () => [`/doctors/${demo.weber.id}/time-off`, '/closures', `/rooms/${demo.room1.id}/blocks`];

    it.each([
      ['a missing start', { ...valid, start: undefined }, 'start'],
      ['a start without offset', { ...valid, start: '2027-05-03T08:00:00' }, 'start'],
      ['a date that does not exist', { ...valid, end: '2027-02-30T09:00:00+01:00' }, 'end'],
      ['an unknown field', { ...valid, doctorId: demo.weber.id }, 'doctorId'],
      ['a reason with a NUL', { ...valid, reason: 'before\u0000after' }, 'reason'],
      ['a reason with a lone surrogate', { ...valid, reason: 'x\ud800y' }, 'reason'],
      ['a reason of 1001 characters', { ...valid, reason: 'x'.repeat(1001) }, 'reason'],
      ['an empty reason', { ...valid, reason: '' }, 'reason'],
      ['cancelAppointments as a string', { ...valid, cancelAppointments: 'yes' }, 'cancelAppointments'],
      ['a prototype key', JSON.parse('{"start":"2027-05-03T08:00:00+02:00","end":"2027-05-03T09:00:00+02:00","reason":"x","__proto__":{"admin":true}}'), undefined],
    ])('refuses %s with a 400 naming the field, and writes nothing', async (_case, body, field) => {
      const before = await t.dataSource.query(`select count(*)::int as n from events`);
      for (const route of routes()) {
        const answer = await t.http.post(route, admin, body);
        expectProblem(answer, 400, 'invalid-request');
        if (field) expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
      expect(await t.dataSource.query(`select count(*)::int as n from events`)).toEqual(before);
    });

    it('requires a reason for closures and room blocks, not for time off', async () => {
      const { reason: _reason, ...withoutReason } = valid;
      expectProblem(await t.http.post('/closures', admin, withoutReason), 400, 'invalid-request');
      expectProblem(await t.http.post(`/rooms/${demo.room1.id}/blocks`, admin, withoutReason), 400, 'invalid-request');
      expectProblem(await t.http.post('/closures', admin, { ...valid, reason: '  \n ' }), 422, 'block-reason-required');
    });

    it('refuses ids that are not UUIDs in the path', async () => {
      expectProblem(await t.http.post('/doctors/not-a-uuid/time-off', admin, valid), 400, 'invalid-request');
      expectProblem(await del(`/closures/1%27%20or%201=1`, admin), 400, 'invalid-request');
      expectProblem(await t.http.get(`/rooms/${demo.room1.id}/blocks/x/history`, staff), 400, 'invalid-request');
    });

    it('refuses bad list queries', async () => {
      expectProblem(await t.http.get('/closures?from=yesterday', staff), 400, 'invalid-request');
      expectProblem(await t.http.get('/closures?limit=1000', staff), 400, 'invalid-request');
      expectProblem(await t.http.get('/closures?cursor=abc', staff), 400, 'invalid-request');
    });

    it('answers 422 for an end not after the start, a start in the past and more than 366 days', async () => {
      for (const route of routes()) {
        expectProblem(await t.http.post(route, admin, { ...valid, end: valid.start }), 422, 'end-not-after-start');
        expectProblem(await t.http.post(route, admin, { ...valid, start: '2027-02-01T08:00:00+01:00' }), 422, 'start-in-past');
        expectProblem(await t.http.post(route, admin, { ...valid, end: '2028-05-04T09:00:00+02:00' }), 422, 'block-too-long');
      }
    });
  });

  describe('appointments in the way', () => {
    it('are a 409 listing them, and nothing is written', async () => {
      const first = await book({ start: '2027-05-10T09:00:00+02:00' });
      const second = await book({ start: '2027-05-10T10:00:00+02:00', patientId: demo.lukas.id, roomId: demo.room2.id });
      const before = await eventCount('TimeOffScheduled');
      const refused = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, { start: '2027-05-10T00:00:00+02:00', end: '2027-05-11T00:00:00+02:00', reason: 'Conference' });
      expectProblem(refused, 409, 'appointments-in-the-way');
      expect(refused.body.conflicts).toEqual([
        { appointmentId: first.body.id, start: first.body.start, end: first.body.end },
        { appointmentId: second.body.id, start: second.body.start, end: second.body.end },
      ]);
      expect(await eventCount('TimeOffScheduled')).toBe(before);

      const closure = await t.http.post('/closures', admin, { start: '2027-05-10T10:00:00+02:00', end: '2027-05-10T11:00:00+02:00', reason: 'Fire drill' });
      expectProblem(closure, 409, 'appointments-in-the-way');
      expect(closure.body.conflicts).toEqual([{ appointmentId: second.body.id, start: second.body.start, end: second.body.end }]);
      const roomBlock = await t.http.post(`/rooms/${demo.room1.id}/blocks`, admin, { start: '2027-05-10T08:00:00+02:00', end: '2027-05-10T12:00:00+02:00', reason: 'Painting' });
      expectProblem(roomBlock, 409, 'appointments-in-the-way');
      expect(roomBlock.body.conflicts).toEqual([{ appointmentId: first.body.id, start: first.body.start, end: first.body.end }]);
    });

    it('counts an appointment whose buffer reaches into the block', async () => {
      // A consultation has 5 minutes of buffer after it: 09:00-09:20 occupies the doctor until 09:25.
      const booked = await book({ start: '2027-05-11T09:00:00+02:00' });
      const refused = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, { start: '2027-05-11T09:22:00+02:00', end: '2027-05-11T12:00:00+02:00' });
      expectProblem(refused, 409, 'appointments-in-the-way');
      expect(refused.body.conflicts).toEqual([{ appointmentId: booked.body.id, start: booked.body.start, end: booked.body.end }]);
    });

    it('counts a slot hold in the way of a closure, listed by its hold id', async () => {
      const { title: _title, ...slot } = bookingBody({ start: '2027-05-11T16:00:00+02:00' });
      const held = await t.http.post('/holds', staff, slot);
      expect(held.status).toBe(201);
      const refused = await t.http.post('/closures', admin, { start: '2027-05-11T13:00:00Z', end: '2027-05-11T15:00:00Z', reason: 'Drill' });
      expectProblem(refused, 409, 'appointments-in-the-way');
      expect(refused.body.conflicts).toEqual([{ holdId: held.body.id, start: held.body.start, end: held.body.end }]);
      expect((await del(`/holds/${held.body.id}`, staff)).status).toBe(204);
    });

    it('are cancelled with the block’s reason in the same transaction when asked, and their patients emailed with METHOD:CANCEL', async () => {
      const mia = await book({ start: '2027-05-12T09:00:00+02:00' });
      const lukas = await book({ start: '2027-05-12T10:00:00+02:00', patientId: demo.lukas.id });
      const scheduled = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, {
        start: '2027-05-12T00:00:00+02:00',
        end: '2027-05-13T00:00:00+02:00',
        reason: 'Sick leave',
        cancelAppointments: true,
      });
      expect(scheduled.status).toBe(201);
      expect(scheduled.body.cancelledAppointmentIds).toEqual([mia.body.id, lukas.body.id]);

      // One transaction: the time off and both cancellations were committed together.
      const [{ transactions }] = await t.dataSource.query(
        `select count(distinct transaction_id)::int as transactions from events where aggregate_id = any($1::uuid[]) and event_type in ('TimeOffScheduled', 'AppointmentCancelled')
           and (event_type = 'AppointmentCancelled' or data->>'timeOffId' = $2)`,
        [[demo.weber.id, mia.body.id, lukas.body.id], scheduled.body.id],
      );
      expect(transactions).toBe(1);
      for (const booked of [mia, lukas]) {
        const appointment = await t.http.get(`/appointments/${booked.body.id}`, staff, afterWrite(scheduled));
        expect(appointment.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Sick leave' });
        expect(await reservationsOf(booked.body.id)).toEqual([]);
      }

      for (const [booked, email] of [[mia, demo.mia.email], [lukas, demo.lukas.email]] as const) {
        const cancellation = await eventually(() => {
          const found = sink.to(email).find((mail) => mail.subject.startsWith('Appointment cancelled') && mail.calendar?.includes(booked.body.id));
          expect(found).toBeDefined();
          return found!;
        });
        expect(cancellation.text).toContain('Reason: Sick leave');
        expect(inviteOf(cancellation.calendar)).toEqual({ method: 'CANCEL', uid: `${booked.body.id}@clinic-booking`, status: 'CANCELLED' });
      }
    });

    it('are cancelled by a closure across doctors and rooms, and by a room block in its room only', async () => {
      const weber = await book({ start: '2027-05-14T09:00:00+02:00' });
      const richter = await book({ start: '2027-05-14T10:00:00+02:00', doctorId: demo.richter.id, patientId: demo.lukas.id, roomId: demo.room2.id });
      const closure = await t.http.post('/closures', admin, { start: '2027-05-14T00:00:00+02:00', end: '2027-05-15T00:00:00+02:00', reason: 'Bridge day', cancelAppointments: true });
      expect(closure.status).toBe(201);
      expect(closure.body).toEqual({ id: expect.any(String), start: '2027-05-13T22:00:00.000Z', end: '2027-05-14T22:00:00.000Z', reason: 'Bridge day', cancelledAppointmentIds: [weber.body.id, richter.body.id] });

      const inRoom1 = await book({ start: '2027-05-17T09:00:00+02:00' });
      const inRoom2 = await book({ start: '2027-05-17T09:00:00+02:00', doctorId: demo.richter.id, patientId: demo.lukas.id, roomId: demo.room2.id });
      const block = await t.http.post(`/rooms/${demo.room1.id}/blocks`, admin, { start: '2027-05-17T08:00:00+02:00', end: '2027-05-17T12:00:00+02:00', reason: 'Leaking radiator', cancelAppointments: true });
      expect(block.status).toBe(201);
      expect(block.body).toMatchObject({ roomId: demo.room1.id, cancelledAppointmentIds: [inRoom1.body.id] });
      const untouched = await t.http.get(`/appointments/${inRoom2.body.id}`, staff, afterWrite(block));
      expect(untouched.body.status).toBe('booked');
      expect((await t.http.get(`/appointments/${inRoom1.body.id}`, staff, afterWrite(block))).body).toMatchObject({ status: 'cancelled', cancellationReason: 'Leaking radiator' });
    });
  });

  describe('blocks in the way of blocks', () => {
    it('an overlapping time off of the same doctor is a 409 naming it with its local time; another doctor’s is not', async () => {
      const first = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, { start: '2027-06-01T00:00:00+02:00', end: '2027-06-03T00:00:00+02:00', reason: 'Course' });
      expect(first.status).toBe(201);
      const overlapping = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, { start: '2027-06-02T12:00:00+02:00', end: '2027-06-04T00:00:00+02:00', cancelAppointments: true });
      expectProblem(overlapping, 409, 'time-blocked');
      expect(overlapping.body.detail).toBe('The time asked for is in time off of Doctor Dr. Anna Weber: 2027-06-01 00:00 to 2027-06-03 00:00 (Europe/Berlin)');
      expect(overlapping.body.block).toEqual({ kind: 'time-off', id: first.body.id, start: '2027-05-31T22:00:00.000Z', end: '2027-06-02T22:00:00.000Z' });
      const adjacent = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, { start: '2027-06-03T00:00:00+02:00', end: '2027-06-04T00:00:00+02:00' });
      expect(adjacent.status).toBe(201);
      expect((await t.http.post(`/doctors/${demo.richter.id}/time-off`, admin, { start: '2027-06-02T00:00:00+02:00', end: '2027-06-03T00:00:00+02:00' })).status).toBe(201);
    });

    it('an overlapping block of the same room is a 409 naming it; closures overlap each other and every other block', async () => {
      const first = await t.http.post(`/rooms/${demo.room2.id}/blocks`, admin, { start: '2027-06-07T08:00:00+02:00', end: '2027-06-07T12:00:00+02:00', reason: 'New floor' });
      expect(first.status).toBe(201);
      const overlapping = await t.http.post(`/rooms/${demo.room2.id}/blocks`, admin, { start: '2027-06-07T11:00:00+02:00', end: '2027-06-07T13:00:00+02:00', reason: 'Cleaning' });
      expectProblem(overlapping, 409, 'time-blocked');
      expect(overlapping.body.detail).toBe('The time asked for is in a room block of Room Consultation room 2: 2027-06-07 08:00 to 12:00 (Europe/Berlin)');
      expect((await t.http.post(`/rooms/${demo.room1.id}/blocks`, admin, { start: '2027-06-07T11:00:00+02:00', end: '2027-06-07T13:00:00+02:00', reason: 'Cleaning' })).status).toBe(201);
      const closure = await t.http.post('/closures', admin, { start: '2027-06-07T00:00:00+02:00', end: '2027-06-08T00:00:00+02:00', reason: 'Whit Monday' });
      expect(closure.status).toBe(201);
      expect((await t.http.post('/closures', admin, { start: '2027-06-07T12:00:00+02:00', end: '2027-06-07T13:00:00+02:00', reason: 'Staff meeting' })).status).toBe(201);
    });
  });

  describe('bookings, reschedules and reassignments into a block', () => {
    it('are a 409 time-blocked naming the time off, the closure or the room block with its local time', async () => {
      const timeOff = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, { start: '2027-06-14T08:00:00+02:00', end: '2027-06-14T12:00:00+02:00', reason: 'Dentist' });
      const closure = await t.http.post('/closures', admin, { start: '2027-06-16T00:00:00+02:00', end: '2027-06-17T00:00:00+02:00', reason: 'Team day' });
      const roomBlock = await t.http.post(`/rooms/${demo.room2.id}/blocks`, admin, { start: '2027-06-18T09:00:00+02:00', end: '2027-06-18T10:00:00+02:00', reason: 'Disinfection' });
      const richterOff = await t.http.post(`/doctors/${demo.richter.id}/time-off`, admin, { start: '2027-06-21T09:00:00+02:00', end: '2027-06-21T13:00:00+02:00' });
      for (const created of [timeOff, closure, roomBlock, richterOff]) expect(created.status).toBe(201);
      const weberOff = 'The time asked for is in time off of Doctor Dr. Anna Weber: 2027-06-14 08:00 to 12:00 (Europe/Berlin)';
      const closed = 'The time asked for is in a clinic closure: 2027-06-16 00:00 to 2027-06-17 00:00 (Europe/Berlin)';

      const booking = await t.http.post('/appointments', staff, bookingBody({ start: '2027-06-14T09:00:00+02:00' }));
      expectProblem(booking, 409, 'time-blocked');
      expect(booking.body.detail).toBe(weberOff);
      expect(booking.body.block).toEqual({ kind: 'time-off', id: timeOff.body.id, start: timeOff.body.start, end: timeOff.body.end });
      const intoClosure = await t.http.post('/appointments', staff, bookingBody({ start: '2027-06-16T09:00:00+02:00' }));
      expectProblem(intoClosure, 409, 'time-blocked');
      expect(intoClosure.body.detail).toBe(closed);
      const intoRoomBlock = await t.http.post('/appointments', staff, bookingBody({ start: '2027-06-18T09:30:00+02:00', roomId: demo.room2.id }));
      expectProblem(intoRoomBlock, 409, 'time-blocked');
      expect(intoRoomBlock.body.detail).toBe('The time asked for is in a room block of Room Consultation room 2: 2027-06-18 09:00 to 10:00 (Europe/Berlin)');

      const movable = await book({ start: '2027-06-15T09:00:00+02:00' });
      const rescheduled = await t.http.post(`/appointments/${movable.body.id}/reschedule`, staff, { start: '2027-06-14T10:00:00+02:00' });
      expectProblem(rescheduled, 409, 'time-blocked');
      expect(rescheduled.body.detail).toBe(weberOff);
      const intoClosed = await t.http.post(`/appointments/${movable.body.id}/reschedule`, staff, { start: '2027-06-16T10:00:00+02:00' });
      expect(intoClosed.body.detail).toBe(closed);

      const inRoom1 = await book({ start: '2027-06-18T09:00:00+02:00' });
      const toBlockedRoom = await t.http.post(`/appointments/${inRoom1.body.id}/reassign`, staff, { roomId: demo.room2.id, comment: 'Bigger room' });
      expectProblem(toBlockedRoom, 409, 'time-blocked');
      expect(toBlockedRoom.body.detail).toMatch(/^The time asked for is in a room block of Room Consultation room 2: 2027-06-18 09:00 to 10:00/);
      const mondayWithWeber = await book({ start: '2027-06-21T10:00:00+02:00' });
      const toDoctorOff = await t.http.post(`/appointments/${mondayWithWeber.body.id}/reassign`, staff, { doctorId: demo.richter.id, comment: 'Cardiology' });
      expectProblem(toDoctorOff, 409, 'time-blocked');
      expect(toDoctorOff.body.detail).toBe('The time asked for is in time off of Doctor Dr. Jonas Richter: 2027-06-21 09:00 to 13:00 (Europe/Berlin)');

      // Nothing moved: the appointments are where they were.
      expect((await t.http.get(`/appointments/${movable.body.id}`, staff, afterWrite(movable))).body).toMatchObject({ version: 1, start: movable.body.start });
    });
  });

  describe('clinic closures', () => {
    it('are listed for admin, staff and doctors, have a history, and are cancelled (204), which reopens the clinic', async () => {
      const closure = await t.http.post('/closures', admin, { start: '2027-07-05T00:00:00+02:00', end: '2027-07-06T00:00:00+02:00', reason: 'Summer party' });
      expect(closure.status).toBe(201);
      expect(closure.headers.get('x-event-position')).toMatch(/^\d+$/);
      const listed = await t.http.get('/closures?from=2027-07-04T22:00:00Z&to=2027-07-05T22:00:00Z', staff, afterWrite(closure));
      expect(listed.body).toEqual({ items: [{ id: closure.body.id, start: closure.body.start, end: closure.body.end, reason: 'Summer party' }], nextCursor: null });
      // Doctors get closures pushed live, and read them too; patients do not.
      expect((await t.http.get('/closures?from=2027-07-04T22:00:00Z&to=2027-07-05T22:00:00Z', weberHimself, afterWrite(closure))).body).toEqual(listed.body);
      expectProblem(await t.http.get('/closures', patient), 403, 'forbidden');
      expectProblem(await t.http.post('/closures', staff, { start: '2027-07-05T00:00:00+02:00', end: '2027-07-06T00:00:00+02:00', reason: 'x' }), 403, 'forbidden');
      expectProblem(await t.http.post('/appointments', staff, bookingBody({ start: '2027-07-05T09:00:00+02:00' })), 409, 'time-blocked');

      const cancelled = await del(`/closures/${closure.body.id}`, admin);
      expect(cancelled.status).toBe(204);
      await book({ start: '2027-07-05T09:00:00+02:00' });
      const after = await t.http.get('/closures?from=2027-07-04T22:00:00Z&to=2027-07-05T22:00:00Z', staff, afterWrite(cancelled));
      expect(after.body.items).toEqual([]);

      const history = await t.http.get(`/closures/${closure.body.id}/history`, staff);
      expect(history.status).toBe(200);
      expect(history.body.items).toEqual([
        expect.objectContaining({
          version: 1,
          eventType: 'ClinicClosureScheduled',
          actor: { userId: expect.stringMatching(/^admin-user-/), role: 'admin' },
          changes: { start: { from: null, to: closure.body.start }, end: { from: null, to: closure.body.end } },
          note: 'Summer party',
        }),
        expect.objectContaining({ version: 2, eventType: 'ClinicClosureCancelled', changes: { cancelled: { from: false, to: true } } }),
      ]);

      expect((await t.http.get(`/closures/${closure.body.id}/history`, weberHimself)).body).toEqual(history.body);
      expectProblem(await t.http.get(`/closures/${closure.body.id}/history`, patient), 403, 'forbidden');

      expectProblem(await del(`/closures/${closure.body.id}`, admin), 404, 'not-found');
      expectProblem(await del(`/closures/${randomUUID()}`, admin), 404, 'not-found');
      expectProblem(await t.http.get(`/closures/${randomUUID()}/history`, staff), 404, 'not-found');
    });

    it('treat the id of an appointment or a room block as unknown, never as a closure', async () => {
      const appointment = await book({ start: '2027-07-07T09:00:00+02:00' });
      const block = await t.http.post(`/rooms/${demo.room1.id}/blocks`, admin, { start: '2027-07-08T08:00:00+02:00', end: '2027-07-08T09:00:00+02:00', reason: 'Inspection' });
      for (const id of [appointment.body.id, block.body.id]) {
        expectProblem(await del(`/closures/${id}`, admin), 404, 'not-found');
        expectProblem(await t.http.get(`/closures/${id}/history`, staff), 404, 'not-found');
      }
      expect(await reservationsOf(block.body.id)).toHaveLength(1);
    });

    it('pages the list in start order', async () => {
      const starts = ['2027-08-02', '2027-08-03', '2027-08-04'];
      const created: HttpResponse[] = [];
      for (const day of starts) created.push(await t.http.post('/closures', admin, { start: `${day}T12:00:00+02:00`, end: `${day}T13:00:00+02:00`, reason: `Lunch ${day}` }));
      const range = 'from=2027-08-01T00:00:00Z&to=2027-08-05T00:00:00Z';
      const first = await t.http.get(`/closures?${range}&limit=2`, staff, afterWrite(created[2]));
      expect(first.body.items.map((item: { reason: string }) => item.reason)).toEqual(['Lunch 2027-08-02', 'Lunch 2027-08-03']);
      const second = await t.http.get(`/closures?${range}&limit=2&cursor=${first.body.nextCursor}`, staff);
      expect(second.body).toEqual({ items: [expect.objectContaining({ reason: 'Lunch 2027-08-04' })], nextCursor: null });
    });
  });

  describe('room blocks', () => {
    it('are listed for admin and staff, have a history, and are cancelled (204) by their room only', async () => {
      const block = await t.http.post(`/rooms/${demo.treatmentRoom.id}/blocks`, admin, { start: '2027-07-12T08:00:00+02:00', end: '2027-07-12T18:00:00+02:00', reason: 'X-ray calibration' });
      expect(block.status).toBe(201);
      expect(block.body).toEqual({ id: expect.any(String), roomId: demo.treatmentRoom.id, start: '2027-07-12T06:00:00.000Z', end: '2027-07-12T16:00:00.000Z', reason: 'X-ray calibration', cancelledAppointmentIds: [] });
      const listed = await t.http.get(`/rooms/${demo.treatmentRoom.id}/blocks`, staff, afterWrite(block));
      expect(listed.body.items).toEqual([{ id: block.body.id, roomId: demo.treatmentRoom.id, start: block.body.start, end: block.body.end, reason: 'X-ray calibration' }]);
      expect((await t.http.get(`/rooms/${demo.room1.id}/blocks?from=2027-07-12T00:00:00Z&to=2027-07-13T00:00:00Z`, staff, afterWrite(block))).body.items).toEqual([]);
      expectProblem(await t.http.get(`/rooms/${demo.treatmentRoom.id}/blocks`, patient), 403, 'forbidden');
      expectProblem(await t.http.get(`/rooms/${randomUUID()}/blocks`, staff), 404, 'not-found');
      expectProblem(await t.http.post(`/rooms/${randomUUID()}/blocks`, admin, { start: '2027-07-12T08:00:00+02:00', end: '2027-07-12T09:00:00+02:00', reason: 'x' }), 404, 'not-found');

      expectProblem(await del(`/rooms/${demo.room1.id}/blocks/${block.body.id}`, admin), 404, 'not-found');
      expectProblem(await t.http.get(`/rooms/${demo.room1.id}/blocks/${block.body.id}/history`, staff), 404, 'not-found');
      const cancelled = await del(`/rooms/${demo.treatmentRoom.id}/blocks/${block.body.id}`, admin);
      expect(cancelled.status).toBe(204);
      expect(await reservationsOf(block.body.id)).toEqual([]);
      await book({ start: '2027-07-12T09:00:00+02:00', roomId: demo.treatmentRoom.id });

      const history = await t.http.get(`/rooms/${demo.treatmentRoom.id}/blocks/${block.body.id}/history`, admin);
      expect(history.body.items.map((entry: { eventType: string; version: number }) => [entry.eventType, entry.version])).toEqual([
        ['RoomBlockScheduled', 1],
        ['RoomBlockCancelled', 2],
      ]);
      expectProblem(await del(`/rooms/${demo.treatmentRoom.id}/blocks/${block.body.id}`, admin), 404, 'not-found');
    });
  });

  describe('Idempotency-Key and If-Match', () => {
    const kinds = [
      { kind: 'time off', path: `/doctors/${demo.weber.id}/time-off`, scheduled: 'TimeOffScheduled', cancelled: 'TimeOffCancelled', del: (id: string) => `/doctors/${demo.weber.id}/time-off/${id}`, day: '2027-10-04' },
      { kind: 'closure', path: '/closures', scheduled: 'ClinicClosureScheduled', cancelled: 'ClinicClosureCancelled', del: (id: string) => `/closures/${id}`, day: '2027-10-05' },
      { kind: 'room block', path: `/rooms/${demo.room1.id}/blocks`, scheduled: 'RoomBlockScheduled', cancelled: 'RoomBlockCancelled', del: (id: string) => `/rooms/${demo.room1.id}/blocks/${id}`, day: '2027-10-06' },
    ];

    it.each(kinds)('a $kind sent again with the same key and body answers the first response (201, the same id), recorded once; another body is a 422, a key in flight a 409; its DELETE replays too', async ({ kind, path, scheduled, cancelled, del: deletion, day }) => {
      const userId = `admin-keys-${kind.replace(' ', '-')}`;
      const keyed = t.tokenFor({ role: 'admin', userId });
      const body = { start: `${day}T08:00:00+02:00`, end: `${day}T09:00:00+02:00`, reason: 'Inspection' };
      const before = await eventCount(scheduled);
      const first = await t.http.post(path, keyed, body, { 'idempotency-key': 'block-1' });
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const { reason, ...rest } = body;
      const again = await t.http.post(path, keyed, { reason, ...rest }, { 'idempotency-key': 'block-1' });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.headers.get('x-event-position')).toBe(first.headers.get('x-event-position'));
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(await eventCount(scheduled)).toBe(before + 1);

      expectProblem(await t.http.post(path, keyed, { ...body, reason: 'Another reason' }, { 'idempotency-key': 'block-1' }), 422, 'idempotency-key-reused');

      // A first request with the key still running holds the key's transaction lock.
      const inFlight = new Client({ connectionString: t.database.url });
      await inFlight.connect();
      try {
        await inFlight.query('begin');
        await inFlight.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`idempotency:${JSON.stringify([userId, 'block-2'])}`]);
        const later = { ...body, start: `${day}T10:00:00+02:00`, end: `${day}T11:00:00+02:00` };
        expectProblem(await t.http.post(path, keyed, later, { 'idempotency-key': 'block-2' }), 409, 'idempotency-key-in-flight');
      } finally {
        await inFlight.query('rollback');
        await inFlight.end();
      }
      expect(await eventCount(scheduled)).toBe(before + 1);

      const cancelledBefore = await eventCount(cancelled);
      const removed = await del(deletion(first.body.id), keyed, { 'idempotency-key': 'cancel-1' });
      expect(removed.status).toBe(204);
      const removedAgain = await del(deletion(first.body.id), keyed, { 'idempotency-key': 'cancel-1' });
      expect(removedAgain.status).toBe(204);
      expect(removedAgain.headers.get('idempotent-replayed')).toBe('true');
      expect(removedAgain.headers.get('x-event-position')).toBe(removed.headers.get('x-event-position'));
      expect(await eventCount(cancelled)).toBe(cancelledBefore + 1);
      expectProblem(await del(deletion(first.body.id), keyed), 404, 'not-found');
    });

    it('a closure and a room block answer their version as ETag, and their DELETE honours If-Match: stale or weak is a 412 and cancels nothing', async () => {
      const closure = await t.http.post('/closures', admin, { start: '2027-10-11T12:00:00+02:00', end: '2027-10-11T13:00:00+02:00', reason: 'Lunch' });
      const roomBlock = await t.http.post(`/rooms/${demo.room2.id}/blocks`, admin, { start: '2027-10-11T08:00:00+02:00', end: '2027-10-11T09:00:00+02:00', reason: 'Cleaning' });
      for (const [created, path] of [[closure, `/closures/${closure.body.id}`], [roomBlock, `/rooms/${demo.room2.id}/blocks/${roomBlock.body.id}`]] as const) {
        expect(created.status).toBe(201);
        expect(created.headers.get('etag')).toBe('"1"');
        expectProblem(await del(path, admin, { 'if-match': '"2"' }), 412, 'stale-version');
        expectProblem(await del(path, admin, { 'if-match': 'W/"1"' }), 412, 'stale-version');
        expectProblem(await del(path, admin, { 'if-match': '1' }), 400, 'invalid-request');
        expect(await reservationsOf(created.body.id)).toHaveLength(1);
        expect((await del(path, admin, { 'if-match': '"0", "1"' })).status).toBe(204);
        expect(await reservationsOf(created.body.id)).toEqual([]);
        // Gone is not found, whatever version If-Match names.
        expectProblem(await del(path, admin, { 'if-match': '"2"' }), 404, 'not-found');
      }
      expectProblem(await del(`/closures/${randomUUID()}`, admin, { 'if-match': '"1"' }), 404, 'not-found');
    });

    it('If-Match is a 400 naming it where there is no version of its own to match: the POSTs, and a time off (an event of its doctor’s schedule)', async () => {
      const body = { start: '2027-10-12T08:00:00+02:00', end: '2027-10-12T09:00:00+02:00', reason: 'Course' };
      const events = await t.dataSource.query(`select count(*)::int as n from events`);
      for (const path of [`/doctors/${demo.richter.id}/time-off`, '/closures', `/rooms/${demo.treatmentRoom.id}/blocks`]) {
        for (const ifMatch of ['"1"', '*']) {
          const refused = await t.http.post(path, admin, body, { 'if-match': ifMatch });
          expectProblem(refused, 400, 'invalid-request');
          expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
        }
      }
      expect(await t.dataSource.query(`select count(*)::int as n from events`)).toEqual(events);

      const timeOff = await t.http.post(`/doctors/${demo.richter.id}/time-off`, admin, body);
      expect(timeOff.status).toBe(201);
      expect(timeOff.headers.get('etag')).toBeNull();
      const refused = await del(`/doctors/${demo.richter.id}/time-off/${timeOff.body.id}`, admin, { 'if-match': '"1"' });
      expectProblem(refused, 400, 'invalid-request');
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
      expect(await reservationsOf(timeOff.body.id)).toHaveLength(1);
    });
  });
});
