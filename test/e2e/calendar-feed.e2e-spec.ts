import { randomUUID } from 'node:crypto';
import { CommandHandling } from '../../src/event-store/command-handling';
import { DoctorScheduleEvent, TimeOffCancelled, TimeOffScheduled } from '../../src/schedules/domain/schedule.events';
import { DoctorScheduleStream } from '../../src/schedules/persistence/schedule-streams';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { readCalendarFeed } from '../support/icalendar';
import { startTestApp, TestApp } from '../support/test-app';

describe('Calendar feed (GET /doctors/:id/calendar.ics)', () => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let weber: string;
  let richter: string;
  let patient: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = t.tokenFor({ role: 'staff' });
    admin = t.tokenFor({ role: 'admin' });
    weber = t.tokenFor({ role: 'doctor', doctorId: demo.weber.id });
    richter = t.tokenFor({ role: 'doctor', doctorId: demo.richter.id });
    patient = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
  });
  afterAll(() => t.close());

  /** The feed over HTTP: its text, with a bearer token or a feed token in the query. */
  async function feed(doctorId: string, credentials: { bearer?: string; token?: string }, headers: Record<string, string> = {}) {
    const query = credentials.token === undefined ? '' : `?token=${encodeURIComponent(credentials.token)}`;
    const response = await fetch(`${t.baseUrl}/doctors/${doctorId}/calendar.ics${query}`, {
      headers: { ...headers, ...(credentials.bearer ? { authorization: `Bearer ${credentials.bearer}` } : {}) },
    });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  }

  /**
   * Schedule events appended as the time-off use case does, straight through the command
   * handling on the doctor's schedule stream; the feed reads them from the schedule_blocks read
   * table. Returns the position to wait for.
   */
  async function recordOnSchedule(doctorId: string, events: DoctorScheduleEvent[]): Promise<string> {
    const handling = t.app.get(CommandHandling);
    return handling.handle(t.app.get(DoctorScheduleStream), {
      streamId: doctorId,
      metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: { userId: 'admin-user', role: 'admin' }, requestId: null },
      decide: () => events,
      then: (_db, change) => Promise.resolve(String(change.appended.lastPosition)),
    });
  }

  async function issueToken(doctorId: string, bearer: string) {
    return t.http.post<{ id: string; token: string; url: string; createdAt: string }>(`/doctors/${doctorId}/calendar-tokens`, bearer);
  }

  it('given booked, rescheduled and cancelled appointments and a time off, when the feed is read with its token and no bearer, then it holds each with a stable UID, a higher SEQUENCE after a change, the doctor\'s zone and no patient data', async () => {
    const moved = await t.http.post('/appointments', staff, bookingBody());
    const kept = await t.http.post('/appointments', staff, bookingBody({ patientId: demo.lukas.id, start: '2027-03-23T10:00:00+01:00', title: 'Back pain' }));
    const dropped = await t.http.post('/appointments', staff, bookingBody({ patientId: demo.emma.id, start: '2027-03-24T09:00:00+01:00' }));
    expect([moved.status, kept.status, dropped.status]).toEqual([201, 201, 201]);
    const timeOffId = randomUUID();
    const cancelledTimeOffId = randomUUID();
    const timeOff = { start: '2027-03-25T12:00:00.000Z', end: '2027-03-25T16:00:00.000Z', reason: 'Conference', cancelledAppointmentIds: [] };
    const scheduled = await recordOnSchedule(demo.weber.id, [
      new TimeOffScheduled({ doctorId: demo.weber.id, timeOffId, ...timeOff }),
      new TimeOffScheduled({ doctorId: demo.weber.id, timeOffId: cancelledTimeOffId, ...timeOff, start: '2027-03-26T12:00:00.000Z', end: '2027-03-26T16:00:00.000Z' }),
      new TimeOffCancelled({ doctorId: demo.weber.id, timeOffId: cancelledTimeOffId, start: '2027-03-26T12:00:00.000Z', end: '2027-03-26T16:00:00.000Z' }),
    ]);

    const issued = await issueToken(demo.weber.id, weber);
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({ id: expect.any(String), token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), url: expect.any(String), createdAt: '2027-03-01T08:00:00.000Z' });
    const url = new URL(issued.body.url);
    expect(url.pathname).toBe(`/doctors/${demo.weber.id}/calendar.ics`);
    expect(url.searchParams.get('token')).toBe(issued.body.token);

    const before = await feed(demo.weber.id, { token: issued.body.token }, { 'x-min-position': scheduled });
    expect(before.status).toBe(200);
    expect(before.contentType).toBe('text/calendar; charset=utf-8');
    const first = readCalendarFeed(before.text);
    expect(first.calendar['x-wr-calname']).toBe('Dr. Anna Weber: appointments');
    expect(first.timezone).toBe('Europe/Berlin');
    const berlin = (at: string) => ({ tzid: 'Europe/Berlin', at });
    expect(first.events).toEqual([
      expect.objectContaining({ uid: `${moved.body.id}@clinic-booking`, sequence: 1, summary: 'Consultation', status: 'CONFIRMED', start: berlin('2027-03-22T08:00:00.000Z'), end: berlin(moved.body.end) }),
      expect.objectContaining({ uid: `${kept.body.id}@clinic-booking`, sequence: 1, status: 'CONFIRMED' }),
      expect.objectContaining({ uid: `${dropped.body.id}@clinic-booking`, sequence: 1, status: 'CONFIRMED' }),
      expect.objectContaining({ uid: `${timeOffId}@clinic-booking`, sequence: 1, summary: 'Time off', status: 'CONFIRMED', start: berlin(timeOff.start), end: berlin(timeOff.end) }),
    ]);
    for (const personal of [demo.mia.name, demo.lukas.name, demo.emma.name, 'Persistent cough', 'Back pain', 'Conference', demo.mia.email]) {
      expect(before.text).not.toContain(personal);
    }

    // Moved across the change to summer time (28 March): 09:00 in Berlin is now 07:00 UTC.
    const rescheduled = await t.http.post(`/appointments/${moved.body.id}/reschedule`, staff, { start: '2027-03-29T09:00:00+02:00' });
    const cancelled = await t.http.post(`/appointments/${dropped.body.id}/cancel`, staff, { reason: 'Patient is better' });
    expect([rescheduled.status, cancelled.status]).toEqual([200, 200]);
    const after = await feed(demo.weber.id, { token: issued.body.token }, afterWrite(cancelled));
    const second = readCalendarFeed(after.text);
    const entry = (uid: string) => second.events.find((event) => event.uid === uid);
    expect(entry(`${moved.body.id}@clinic-booking`)).toMatchObject({ sequence: rescheduled.body.version, start: berlin('2027-03-29T07:00:00.000Z') });
    expect(rescheduled.body.version).toBeGreaterThan(1);
    expect(entry(`${dropped.body.id}@clinic-booking`)).toMatchObject({ sequence: cancelled.body.version, status: 'CANCELLED' });
    expect(entry(`${kept.body.id}@clinic-booking`)).toMatchObject({ sequence: 1, status: 'CONFIRMED' });
    expect(after.text).not.toContain('Patient is better');
  });

  it('given a feed token, when it is used for another doctor or after it is revoked, then the feed is a 401 problem; the list shows it revoked and never its secret', async () => {
    const issued = await issueToken(demo.weber.id, staff);
    expect((await feed(demo.weber.id, { token: issued.body.token })).status).toBe(200);

    const elsewhere = await feed(demo.richter.id, { token: issued.body.token });
    expect(elsewhere.status).toBe(401);
    expect(JSON.parse(elsewhere.text)).toMatchObject({ type: '/problems/unauthorized', status: 401 });
    expect((await feed(demo.weber.id, { token: `${issued.body.token.slice(1)}x` })).status).toBe(401);
    expect((await feed(demo.weber.id, {})).status).toBe(401);

    const revoked = await t.http.request('DELETE', `/doctors/${demo.weber.id}/calendar-tokens/${issued.body.id}`, { token: weber });
    expect(revoked.status).toBe(204);
    const refused = await feed(demo.weber.id, { token: issued.body.token });
    expect(refused.status).toBe(401);
    expect(refused.contentType).toContain('application/problem+json');
    expect(JSON.parse(refused.text)).toMatchObject({ type: '/problems/unauthorized', status: 401, detail: expect.stringContaining('revoked') });
    expect(refused.text).not.toContain(issued.body.token);

    const list = await t.http.get(`/doctors/${demo.weber.id}/calendar-tokens`, admin);
    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items).toContainEqual({ id: issued.body.id, createdAt: issued.body.createdAt, createdBy: expect.stringMatching(/^staff-user/), revokedAt: '2027-03-01T08:00:00.000Z' });
    expect(JSON.stringify(list.body)).not.toContain(issued.body.token);
    expect((await t.http.request('DELETE', `/doctors/${demo.weber.id}/calendar-tokens/${issued.body.id}`, { token: weber })).status).toBe(204);
  });

  it('given bearer tokens, when the feed and its tokens are asked for, then staff, admins and the doctor themself may, a patient is 403 and another doctor 404', async () => {
    expect((await feed(demo.weber.id, { bearer: staff })).status).toBe(200);
    expect((await feed(demo.weber.id, { bearer: admin })).status).toBe(200);
    expect((await feed(demo.weber.id, { bearer: weber })).status).toBe(200);
    const forPatient = await feed(demo.weber.id, { bearer: patient });
    expect(forPatient.status).toBe(403);
    expect(JSON.parse(forPatient.text)).toMatchObject({ type: '/problems/forbidden' });
    expect((await feed(demo.weber.id, { bearer: richter })).status).toBe(404);

    expect((await issueToken(demo.weber.id, patient)).status).toBe(403);
    expect((await issueToken(demo.weber.id, richter)).status).toBe(404);
    expect((await t.http.get(`/doctors/${demo.weber.id}/calendar-tokens`, richter)).status).toBe(404);
    expect((await t.http.get(`/doctors/${demo.weber.id}/calendar-tokens`, patient)).status).toBe(403);
    expect((await issueToken(randomUUID(), staff)).status).toBe(404);
    const issued = await issueToken(demo.weber.id, weber);
    expect((await t.http.request('DELETE', `/doctors/${demo.weber.id}/calendar-tokens/${issued.body.id}`, { token: richter })).status).toBe(404);
    // A token of one doctor cannot be revoked under another's URL.
    expect((await t.http.request('DELETE', `/doctors/${demo.richter.id}/calendar-tokens/${issued.body.id}`, { token: staff })).status).toBe(404);
  });

  it('given bad input, when tokens are issued or revoked, then the answer is a 400 or a 404 naming it, never a 500', async () => {
    const withBody = await t.http.post(`/doctors/${demo.weber.id}/calendar-tokens`, staff, { expiresIn: 3600 });
    expect(withBody.status).toBe(400);
    expect(withBody.body.errors).toEqual([expect.objectContaining({ field: 'expiresIn' })]);
    expect((await t.http.request('DELETE', `/doctors/${demo.weber.id}/calendar-tokens/${randomUUID()}`, { token: staff })).status).toBe(404);
    expect((await t.http.request('DELETE', `/doctors/${demo.weber.id}/calendar-tokens/not-a-uuid`, { token: staff })).status).toBe(400);
    expect((await feed('not-a-uuid', { bearer: staff })).status).toBe(400);
    expect((await feed('not-a-uuid', { token: 'whatever' })).status).toBe(401);
    const unknownField = await fetch(`${t.baseUrl}/doctors/${demo.weber.id}/calendar.ics?from=2027-01-01`, { headers: { authorization: `Bearer ${staff}` } });
    expect(unknownField.status).toBe(400);
  });
});
