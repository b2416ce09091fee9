import { randomUUID } from 'node:crypto';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { startTestApp, TestApp } from '../support/test-app';

describe('Appointment commands over HTTP', () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(() => t.close());

  const book = (body: Record<string, unknown>, token = staff, headers?: Record<string, string>) =>
    t.http.post('/appointments', token, body, headers);

  describe('booking', () => {
    it('creates the appointment: 201 with Location, ETag, X-Event-Position and the names', async () => {
      const response = await book(bookingBody());
      expect(response.status).toBe(201);
      const appointment = response.body;
      expect(appointment).toEqual({
        id: expect.any(String),
        status: 'booked',
        doctorId: demo.weber.id,
        patientId: demo.mia.id,
        roomId: demo.room1.id,
        appointmentTypeId: demo.consultation.id,
        start: '2027-03-22T08:00:00.000Z',
        end: '2027-03-22T08:20:00.000Z',
        title: 'Persistent cough',
        version: 1,
        doctor: { id: demo.weber.id, name: 'Dr. Anna Weber' },
        patient: { id: demo.mia.id, name: 'Mia Schneider' },
        room: { id: demo.room1.id, name: 'Consultation room 1' },
        appointmentType: { id: demo.consultation.id, name: 'Consultation' },
      });
      expect(response.headers.get('location')).toBe(`/appointments/${appointment.id}`);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(Number(response.headers.get('x-event-position'))).toBeGreaterThan(0);

      const read = await t.http.get(`/appointments/${appointment.id}`, staff, afterWrite(response));
      expect(read.status).toBe(200);
      expect(read.body).toEqual(appointment);
      expect(read.headers.get('etag')).toBe('"1"');
    });

    it('keeps an explicit end', async () => {
      const response = await book(bookingBody({ start: '2027-03-22T14:00:00+01:00', end: '2027-03-22T14:45:00+01:00' }));
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ start: '2027-03-22T13:00:00.000Z', end: '2027-03-22T13:45:00.000Z' });
    });

    it('records the correlation id, actor and request id in the event metadata', async () => {
      const response = await book(bookingBody({ start: '2027-03-23T09:00:00+01:00' }), staff, { 'x-correlation-id': 'front-desk-42' });
      expect(response.headers.get('x-correlation-id')).toBe('front-desk-42');
      const [row] = await t.dataSource.query(`select metadata from events where aggregate_id = $1`, [response.body.id]);
      expect(row.metadata).toEqual({
        correlationId: 'front-desk-42',
        causationId: expect.any(String),
        actor: { userId: expect.stringMatching(/^staff-user-/), role: 'staff' },
        requestId: response.headers.get('x-request-id'),
      });
    });
  });

  describe('the lifecycle', () => {
    it('reschedules, reassigns, checks in, completes, and keeps the history', async () => {
      const { body: booked } = await book(bookingBody({ start: '2027-03-24T10:00:00+01:00' }));

      const rescheduled = await t.http.post(`/appointments/${booked.id}/reschedule`, staff, { start: '2027-03-24T11:00:00+01:00' }, { 'if-match': '"1"' });
      expect(rescheduled.status).toBe(200);
      expect(rescheduled.body).toMatchObject({ start: '2027-03-24T10:00:00.000Z', end: '2027-03-24T10:20:00.000Z', version: 2 });
      expect(rescheduled.headers.get('etag')).toBe('"2"');

      const reassigned = await t.http.post(`/appointments/${booked.id}/reassign`, staff, {
        doctorId: demo.richter.id,
        roomId: demo.room2.id,
        comment: 'Cardiology opinion needed',
      });
      expect(reassigned.status).toBe(200);
      expect(reassigned.body).toMatchObject({ doctor: { id: demo.richter.id, name: 'Dr. Jonas Richter' }, room: { name: 'Consultation room 2' }, version: 3 });

      t.clock.set('2027-03-24T09:50:00Z');
      const checkedIn = await t.http.post(`/appointments/${booked.id}/check-in`, staff);
      expect(checkedIn.body).toMatchObject({ status: 'checked-in', version: 4 });

      const doctor = t.tokenFor({ role: 'doctor', doctorId: demo.richter.id });
      const completed = await t.http.post(`/appointments/${booked.id}/complete`, doctor);
      expect(completed.status).toBe(200);
      expect(completed.body).toMatchObject({ status: 'fulfilled', version: 5 });

      const history = await t.http.get(`/appointments/${booked.id}/history`, staff, afterWrite(completed));
      expect(history.status).toBe(200);
      expect(history.body.items.map((e: { eventType: string }) => e.eventType)).toEqual([
        'AppointmentCreated',
        'AppointmentRescheduled',
        'AppointmentReassigned',
        'AppointmentCheckedIn',
        'AppointmentCompleted',
      ]);
      expect(history.body.items[4]).toMatchObject({ version: 5, actor: { role: 'doctor' }, occurredAt: expect.any(String) });
      expect(history.body.items[2]).toMatchObject({
        note: 'Cardiology opinion needed',
        changes: {
          doctor: { from: 'Dr. Anna Weber', to: 'Dr. Jonas Richter' },
          room: { from: 'Consultation room 1', to: 'Consultation room 2' },
        },
      });
      expect(history.body.items[1].changes).toEqual({
        start: { from: '2027-03-24T09:00:00.000Z', to: '2027-03-24T10:00:00.000Z' },
        end: { from: '2027-03-24T09:20:00.000Z', to: '2027-03-24T10:20:00.000Z' },
      });

      const asOfVersion = await t.http.get(`/appointments/${booked.id}?version=2`, staff);
      expect(asOfVersion.body).toMatchObject({ status: 'booked', doctorId: demo.weber.id, start: '2027-03-24T10:00:00.000Z', version: 2 });
      const asOfTime = await t.http.get(`/appointments/${booked.id}?asOf=${encodeURIComponent(history.body.items[0].occurredAt)}`, staff);
      expect(asOfTime.body).toMatchObject({ start: '2027-03-24T09:00:00.000Z', version: 1 });
      const beforeBooking = await t.http.get(`/appointments/${booked.id}?asOf=2020-01-01T00:00:00Z`, staff);
      expect(beforeBooking.status).toBe(404);
      t.clock.set('2027-03-01T08:00:00Z');
    });

    it('cancels with a reason and releases the slot', async () => {
      const slot = bookingBody({ start: '2027-03-25T09:00:00+01:00' });
      const { body: booked } = await book(slot);
      const cancelled = await t.http.post(`/appointments/${booked.id}/cancel`, staff, { reason: 'Patient is travelling' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Patient is travelling', version: 2 });
      expect((await book(slot)).status).toBe(201);
    });

    it('records a no-show after the start and releases the slot', async () => {
      const slot = bookingBody({ start: '2027-03-26T09:00:00+01:00' });
      const { body: booked } = await book(slot);
      t.clock.set('2027-03-26T08:10:00Z');
      const noShow = await t.http.post(`/appointments/${booked.id}/no-show`, t.tokenFor({ role: 'doctor', doctorId: demo.weber.id }));
      expect(noShow.status).toBe(200);
      expect(noShow.body).toMatchObject({ status: 'noshow' });
      t.clock.set('2027-03-01T08:00:00Z');
      const [{ count }] = await t.dataSource.query(`select count(*)::int as count from reservations where reserved_by = $1`, [booked.id]);
      expect(count).toBe(0);
      expect((await book(slot)).status).toBe(201);
    });
  });

  describe('errors are problem+json with the right status', () => {
    const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number, detail?: RegExp) => {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
      if (detail) expect(response.body.detail).toMatch(detail);
    };

    it('400 for unknown fields, malformed JSON, bad ids and bad times', async () => {
      const unknown = await book(bookingBody({ colour: 'blue' }));
      expectProblem(unknown, 400, /colour should not exist/);
      expect(unknown.body.errors).toEqual([{ field: 'colour', message: 'property colour should not exist' }]);
      expectProblem(await t.http.request('POST', '/appointments', { token: staff, rawBody: '{"start":' }), 400);
      expectProblem(await book(bookingBody({ start: '2027-03-22 09:00' })), 400, /start must be an ISO 8601 date-time with an offset/);
      expectProblem(await book(bookingBody({ doctorId: 'dr-who' })), 400, /doctorId must be a UUID/);
      expectProblem(await t.http.get('/appointments/not-a-uuid', staff), 400);
      expectProblem(await t.http.post(`/appointments/${randomUUID()}/cancel`, staff, {}), 400, /reason/);
      expectProblem(await t.http.post(`/appointments/${randomUUID()}/check-in`, staff, { at: 'now' }), 400, /property at should not exist/);
    });

    it('401 without a token or with a bad one, 403 for a role that may not', async () => {
      expectProblem(await book(bookingBody(), ''), 401);
      expectProblem(await book(bookingBody(), 'not-a-token'), 401);
      expectProblem(await book(bookingBody(), staff.slice(0, -3) + 'abc'), 401);
      expectProblem(await book(bookingBody(), t.tokenFor({ role: 'doctor', doctorId: demo.weber.id })), 403);
      expectProblem(await book(bookingBody(), t.tokenFor({ role: 'admin' })), 403);
      expectProblem(await t.http.post(`/appointments/${randomUUID()}/reassign`, t.tokenFor({ role: 'patient', patientId: demo.mia.id }), { comment: 'x' }), 403);
    });

    it('404 for an unknown appointment', async () => {
      const id = randomUUID();
      expectProblem(await t.http.get(`/appointments/${id}`, staff), 404, new RegExp(id));
      expectProblem(await t.http.post(`/appointments/${id}/cancel`, staff, { reason: 'x' }), 404);
      expectProblem(await t.http.get(`/appointments/${id}/history`, staff), 404);
    });

    it('409 naming the doctor, the room or the patient whose slot is taken', async () => {
      const start = '2027-03-29T09:00:00+02:00';
      expect((await book(bookingBody({ start }))).status).toBe(201);
      const doctorTaken = await book(bookingBody({ start: '2027-03-29T09:10:00+02:00', patientId: demo.lukas.id, roomId: demo.room2.id }));
      expectProblem(doctorTaken, 409, /Doctor Dr\. Anna Weber/);
      expect(doctorTaken.body.resource).toBe('doctor');
      const roomTaken = await book(bookingBody({ start, doctorId: demo.richter.id, patientId: demo.lukas.id }));
      expectProblem(roomTaken, 409, /Room Consultation room 1/);
      const patientTaken = await book(bookingBody({ start, doctorId: demo.richter.id, roomId: demo.room2.id }));
      expectProblem(patientTaken, 409, /Patient Mia Schneider/);
    });

    it('409 inside the buffers: an appointment blocks its buffers too', async () => {
      // Check-up: 40 minutes with 5 before and 10 after, so 09:00-09:40 blocks 08:55-09:50.
      expect((await book(bookingBody({ appointmentTypeId: demo.checkUp.id, start: '2027-03-30T09:00:00+02:00' }))).status).toBe(201);
      const inBuffer = await book(bookingBody({ patientId: demo.lukas.id, roomId: demo.room2.id, start: '2027-03-30T09:45:00+02:00' }));
      expect(inBuffer.status).toBe(409);
      const afterBuffer = await book(bookingBody({ patientId: demo.lukas.id, roomId: demo.room2.id, start: '2027-03-30T09:50:00+02:00' }));
      expect(afterBuffer.status).toBe(201);
    });

    it('412 for a stale If-Match, 400 for a malformed one', async () => {
      const { body: booked } = await book(bookingBody({ start: '2027-03-31T09:00:00+02:00' }));
      expectProblem(await t.http.post(`/appointments/${booked.id}/cancel`, staff, { reason: 'x' }, { 'if-match': '"7"' }), 412, /version 7/);
      expectProblem(await t.http.post(`/appointments/${booked.id}/cancel`, staff, { reason: 'x' }, { 'if-match': 'yesterday' }), 400);
      expect((await t.http.post(`/appointments/${booked.id}/cancel`, staff, { reason: 'x' }, { 'if-match': '"1"' })).status).toBe(200);
    });

    it('413 for a body over 100 kB', async () => {
      expectProblem(await book(bookingBody({ title: 'x'.repeat(120 * 1024) })), 413);
    });

    it('422 for a broken rule or an unknown reference, writing nothing', async () => {
      const [{ count: before }] = await t.dataSource.query(`select count(*)::int as count from events`);
      expectProblem(await book(bookingBody({ start: '2027-02-01T09:00:00+01:00' })), 422, /in the past/);
      expectProblem(await book(bookingBody({ start: '2027-03-22T07:00:00+01:00' })), 422, /outside the working hours/);
      expectProblem(await book(bookingBody({ start: '2027-03-22T12:30:00+01:00' })), 422, /outside the working hours/);
      expectProblem(await book(bookingBody({ end: '2027-03-22T08:00:00+01:00' })), 422, /must be after the start/);
      expectProblem(await book(bookingBody({ doctorId: randomUUID() })), 422, /Doctor .* does not exist/);
      expectProblem(await book(bookingBody({ roomId: randomUUID() })), 422, /Room .* does not exist/);
      const [{ count: after }] = await t.dataSource.query(`select count(*)::int as count from events`);
      expect(after).toBe(before);

      const { body: booked } = await book(bookingBody({ start: '2027-04-01T09:00:00+02:00' }));
      expectProblem(await t.http.post(`/appointments/${booked.id}/complete`, staff), 422, /only from checked-in/);
      expectProblem(await t.http.post(`/appointments/${booked.id}/check-in`, staff), 422, /day of the appointment/);
      expectProblem(await t.http.post(`/appointments/${booked.id}/no-show`, staff), 422, /after the start/);
      expectProblem(await t.http.post(`/appointments/${booked.id}/reassign`, staff, { roomId: demo.room1.id, comment: 'same' }), 422);
    });

    it('404 for a route that does not exist', async () => {
      expectProblem(await t.http.get('/nowhere', staff), 404);
    });
  });

  describe('ownership', () => {
    it('lets a patient book, read, reschedule and cancel only their own appointments', async () => {
      const mia = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
      const lukas = t.tokenFor({ role: 'patient', patientId: demo.lukas.id });

      const forSomeoneElse = await book(bookingBody({ patientId: demo.lukas.id, start: '2027-04-05T09:00:00+02:00' }), mia);
      expect(forSomeoneElse.status).toBe(403);

      const own = await book(bookingBody({ start: '2027-04-05T09:00:00+02:00' }), mia);
      expect(own.status).toBe(201);
      const id = own.body.id;

      expect((await t.http.get(`/appointments/${id}`, mia, afterWrite(own))).status).toBe(200);
      for (const response of [
        await t.http.get(`/appointments/${id}`, lukas, afterWrite(own)),
        await t.http.get(`/appointments/${id}/history`, lukas, afterWrite(own)),
        await t.http.post(`/appointments/${id}/cancel`, lukas, { reason: 'not mine' }),
        await t.http.post(`/appointments/${id}/reschedule`, lukas, { start: '2027-04-05T10:00:00+02:00' }),
      ]) {
        expect(response.status).toBe(404);
        expect(JSON.stringify(response.body)).not.toContain('Mia');
      }

      expect((await t.http.post(`/appointments/${id}/reschedule`, mia, { start: '2027-04-05T10:00:00+02:00' })).status).toBe(200);
      expect((await t.http.post(`/appointments/${id}/cancel`, mia, { reason: 'Better already' })).status).toBe(200);
    });

    it('lets a doctor act only on their own appointments', async () => {
      const booking = await book(bookingBody({ start: '2027-04-06T09:00:00+02:00' }));
      const booked = booking.body;
      t.clock.set('2027-04-06T06:30:00Z');
      const richter = t.tokenFor({ role: 'doctor', doctorId: demo.richter.id });
      expect((await t.http.post(`/appointments/${booked.id}/check-in`, richter)).status).toBe(404);
      expect((await t.http.get(`/appointments/${booked.id}`, richter, afterWrite(booking))).status).toBe(404);
      const weber = t.tokenFor({ role: 'doctor', doctorId: demo.weber.id });
      expect((await t.http.post(`/appointments/${booked.id}/check-in`, weber)).status).toBe(200);
      t.clock.set('2027-03-01T08:00:00Z');
    });
  });
});
