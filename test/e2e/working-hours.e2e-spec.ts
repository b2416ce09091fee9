import { randomUUID } from 'node:crypto';
import { afterWrite, bookingBody, demo, weekdays } from '../support/demo';
import { HttpResponse } from '../support/http-client';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Working hours that change from a date, over HTTP: Dr. Weber works 08:00-12:00 and 13:00-17:00
 * (Berlin) from her creation; from Saturday 2027-03-20 she works 09:00-17:00. Today is
 * 2027-03-01. Berlin moves to summer time (+02:00) on 2027-03-28.
 */
describe('Working hours that change from a date', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.tokenFor({ role: 'admin' });
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(() => t.close());

  const put = (doctorId: string, body: unknown, token = admin) => t.http.request('PUT', `/doctors/${doctorId}/working-hours`, { token, body });
  const book = async (start: string, patientId: string = demo.mia.id) => t.http.post('/appointments', staff, bookingBody({ start, patientId }));
  const booked = async (start: string, patientId?: string): Promise<HttpResponse> => {
    const reply = await book(start, patientId);
    expect(reply.status).toBe(201);
    return reply;
  };
  const expectProblem = (reply: HttpResponse, status: number, code: string, field?: string) => {
    expect({ status: reply.status, type: reply.body?.type }).toEqual({ status, type: `/problems/${code}` });
    if (field) expect(reply.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  };
  const needingAttention = async (query: string, after: HttpResponse) => {
    const reply = await t.http.get(`/appointments?needsAttention=true${query}`, staff, afterWrite(after));
    expect(reply.status).toBe(200);
    return reply.body as { items: Array<{ id: string }>; nextCursor: string | null };
  };

  let leftOutEarly: string;
  let leftOutLate: string;
  let insideBoth: string;
  let beforeTheDate: string;

  it('accepts new hours that leave booked appointments outside, lists them, and keeps them booked', async () => {
    leftOutEarly = (await booked('2027-03-29T08:00:00+02:00')).body.id;
    insideBoth = (await booked('2027-03-29T10:00:00+02:00')).body.id;
    leftOutLate = (await booked('2027-03-31T08:15:00+02:00', demo.lukas.id)).body.id;
    beforeTheDate = (await booked('2027-03-19T08:00:00+01:00')).body.id;

    const reply = await put(demo.weber.id, { effectiveFrom: '2027-03-20', workingHours: weekdays([['09:00', '17:00']]) });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      doctorId: demo.weber.id,
      effectiveFrom: '2027-03-20',
      workingHours: weekdays([['09:00', '17:00']]),
      outsideHours: [leftOutEarly, leftOutLate],
    });
    expect(Number(reply.headers.get('x-event-position'))).toBeGreaterThan(0);
    const stillBooked = await t.http.get(`/appointments/${leftOutEarly}`, staff, afterWrite(reply));
    expect(stillBooked.body.status).toBe('booked');
  });

  it('lets bookings from the effective date on follow the new hours, and those before it the old ones', async () => {
    expectProblem(await book('2027-03-30T08:00:00+02:00'), 422, 'outside-working-hours');
    await booked('2027-03-30T12:15:00+02:00');
    await booked('2027-03-19T08:30:00+01:00');
    expectProblem(await book('2027-03-19T12:15:00+01:00'), 422, 'outside-working-hours');
  });

  it('lists the appointments left outside under needsAttention, page by page, until they are moved into the hours', async () => {
    const lastBooking = await booked('2027-04-01T09:00:00+02:00');
    const all = await needingAttention('', lastBooking);
    expect(all).toEqual({ items: [expect.objectContaining({ id: leftOutEarly, status: 'booked' }), expect.objectContaining({ id: leftOutLate })], nextCursor: null });
    expect(all.items.map((item) => item.id)).not.toContain(insideBoth);
    expect(all.items.map((item) => item.id)).not.toContain(beforeTheDate);

    const first = await needingAttention('&limit=1', lastBooking);
    expect(first.items.map((item) => item.id)).toEqual([leftOutEarly]);
    const second = await needingAttention(`&limit=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`, lastBooking);
    expect(second).toEqual({ items: [expect.objectContaining({ id: leftOutLate })], nextCursor: null });

    const moved = await t.http.post(`/appointments/${leftOutEarly}/reschedule`, staff, { start: '2027-03-29T11:00:00+02:00' });
    expect(moved.status).toBe(200);
    expect((await needingAttention('', moved)).items.map((item) => item.id)).toEqual([leftOutLate]);

    const everything = await t.http.get('/appointments?needsAttention=false', staff, afterWrite(moved));
    expect(everything.body.items.length).toBeGreaterThan(1);
  });

  it('replaces a change for the same date, and keeps a later change in force from its own date', async () => {
    const later = await put(demo.weber.id, { effectiveFrom: '2027-04-05', workingHours: weekdays([['07:00', '12:00']]) });
    expect(later.status).toBe(200);
    expect(later.body.outsideHours).toEqual([]);

    const replaced = await put(demo.weber.id, { effectiveFrom: '2027-03-20', workingHours: weekdays([['08:00', '17:00']]) });
    expect(replaced.body.outsideHours).toEqual([]);
    await booked('2027-03-30T08:00:00+02:00', demo.emma.id);
    await booked('2027-04-06T07:00:00+02:00', demo.emma.id);
    expectProblem(await book('2027-04-06T13:00:00+02:00', demo.emma.id), 422, 'outside-working-hours');
    const rows: Array<{ effective_from: string }> = await t.dataSource.query(
      `select to_char(effective_from, 'YYYY-MM-DD') as effective_from from doctor_working_hours where doctor_id = $1 order by effective_from`,
      [demo.weber.id],
    );
    expect(rows.map((row) => row.effective_from)).toEqual(['2027-03-20', '2027-04-05']);
  });

  it('refuses malformed requests (400 naming the field), other roles (403), unknown doctors (404) and a date in the past (422); a refused change writes nothing', async () => {
    const hours = weekdays([['09:00', '17:00']]);
    const appointment = await booked('2027-04-06T10:00:00+02:00', demo.lukas.id);
    const eventsBefore = await t.dataSource.query(`select count(*)::int as n from events`);

    expectProblem(await put(demo.richter.id, { effectiveFrom: '2027-02-30', workingHours: hours }), 400, 'invalid-request', 'effectiveFrom');
    expectProblem(await put(demo.richter.id, { effectiveFrom: '20270401', workingHours: hours }), 400, 'invalid-request', 'effectiveFrom');
    expectProblem(await put(demo.richter.id, { effectiveFrom: '2027-04-01', workingHours: { mon: [['10:00', '09:00']] } }), 400, 'invalid-request', 'workingHours');
    expectProblem(await put(demo.richter.id, { effectiveFrom: '2027-04-01', workingHours: { monday: [['09:00', '10:00']] } }), 400, 'invalid-request', 'workingHours');
    expectProblem(await put(demo.richter.id, { effectiveFrom: '2027-04-01' }), 400, 'invalid-request', 'workingHours');
    expectProblem(await put(demo.richter.id, { effectiveFrom: '2027-04-01', workingHours: hours, note: 'x' }), 400, 'invalid-request');
    expectProblem(await t.http.request('PUT', '/doctors/not-a-uuid/working-hours', { token: admin, body: { effectiveFrom: '2027-04-01', workingHours: hours } }), 400, 'invalid-request');
    expectProblem(await t.http.get('/appointments?needsAttention=yes', staff), 400, 'invalid-request', 'needsAttention');

    expect((await put(demo.richter.id, { effectiveFrom: '2027-04-01', workingHours: hours }, '')).status).toBe(401);
    expectProblem(await put(demo.richter.id, { effectiveFrom: '2027-04-01', workingHours: hours }, staff), 403, 'forbidden');
    expectProblem(await put(demo.richter.id, { effectiveFrom: '2027-04-01', workingHours: hours }, t.tokenFor({ role: 'doctor', doctorId: demo.richter.id })), 403, 'forbidden');

    expectProblem(await put(randomUUID(), { effectiveFrom: '2027-04-01', workingHours: hours }), 404, 'not-found');
    // An appointment's id names no doctor: not found, before its events are read as a schedule's
    expectProblem(await put(appointment.body.id, { effectiveFrom: '2027-04-01', workingHours: hours }), 404, 'not-found');

    const retroactive = await put(demo.richter.id, { effectiveFrom: '2027-02-28', workingHours: hours });
    expectProblem(retroactive, 422, 'working-hours-retroactive');
    expect(retroactive.body.detail).toContain('2027-03-01');

    const created = await t.http.post('/doctors', admin, { name: 'Dr. Retired', email: 'retired@lindenhof-praxis.example', specialty: 'General practice', timezone: 'Europe/Berlin', workingHours: hours });
    expect((await t.http.request('PATCH', `/doctors/${created.body.id}`, { token: admin, body: { active: false } })).status).toBe(200);
    expectProblem(await put(created.body.id, { effectiveFrom: '2027-04-01', workingHours: hours }), 422, 'record-retired');

    expect(await t.dataSource.query(`select count(*)::int as n from events`)).toEqual(eventsBefore);
    expect(await t.dataSource.query(`select 1 from doctor_working_hours where doctor_id = $1`, [demo.richter.id])).toEqual([]);
  });

  it("shows the schedule's history with actor and time to admins, staff and the doctor themself; another doctor gets a 404", async () => {
    const reply = await t.http.get(`/doctors/${demo.weber.id}/schedule/history`, t.tokenFor({ role: 'doctor', doctorId: demo.weber.id }));

    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([
      expect.objectContaining({
        version: 1,
        eventType: 'WorkingHoursChanged',
        actor: { userId: expect.stringMatching(/^admin-user-/), role: 'admin' },
        occurredAt: expect.any(String),
        correlationId: expect.any(String),
        changes: {
          effectiveFrom: { from: null, to: '2027-03-20' },
          workingHours: { from: demo.weber.workingHours, to: weekdays([['09:00', '17:00']]) },
          outsideHours: { from: null, to: [leftOutEarly, leftOutLate] },
        },
      }),
      expect.objectContaining({ version: 2, changes: { effectiveFrom: { from: null, to: '2027-04-05' }, workingHours: { from: weekdays([['09:00', '17:00']]), to: weekdays([['07:00', '12:00']]) } } }),
      expect.objectContaining({ version: 3, changes: { effectiveFrom: { from: null, to: '2027-03-20' }, workingHours: { from: weekdays([['09:00', '17:00']]), to: weekdays([['08:00', '17:00']]) } } }),
    ]);
    expect(reply.body.items[0].position).toBeLessThan(reply.body.items[1].position);

    for (const token of [admin, staff]) expect((await t.http.get(`/doctors/${demo.weber.id}/schedule/history`, token)).body).toEqual(reply.body);
    expect((await t.http.get(`/doctors/${demo.richter.id}/schedule/history`, staff)).body).toEqual({ items: [] });
    expectProblem(await t.http.get(`/doctors/${demo.weber.id}/schedule/history`, t.tokenFor({ role: 'doctor', doctorId: demo.richter.id })), 404, 'not-found');
    expectProblem(await t.http.get(`/doctors/${randomUUID()}/schedule/history`, staff), 404, 'not-found');
    expectProblem(await t.http.get(`/doctors/${demo.weber.id}/schedule/history`, t.tokenFor({ role: 'patient', patientId: demo.mia.id })), 403, 'forbidden');
  });
});
