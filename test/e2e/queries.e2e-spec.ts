import { ProjectionRebuilder } from '../../src/event-store/subscriptions/projection-rebuilder';
import { SUBSCRIPTIONS } from '../../src/subscription-registry';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { HttpResponse } from '../support/http-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('Queries on the read tables', () => {
  let t: TestApp;
  let staff: string;
  let last: HttpResponse;

  beforeAll(async () => {
    t = await startTestApp({ env: { READ_WAIT_MS: '3000' } });
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(() => t.close());

  async function book(overrides: Record<string, unknown>, token = staff) {
    last = await t.http.post('/appointments', token, bookingBody(overrides));
    expect(last.status).toBe(201);
    return last.body;
  }
  const read = (path: string, token = staff) => t.http.get(path, token, afterWrite(last));

  describe('GET /appointments', () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      // Week of Monday 2027-04-12 (CEST): Weber, Richter; Mia, Lukas, Emma; rooms 1 and 2.
      ids.miaMonday = (await book({ start: '2027-04-12T09:00:00+02:00' })).id;
      ids.lukasMonday = (await book({ start: '2027-04-12T10:00:00+02:00', patientId: demo.lukas.id, roomId: demo.room2.id })).id;
      ids.emmaRichter = (await book({ start: '2027-04-12T11:00:00+02:00', patientId: demo.emma.id, doctorId: demo.richter.id })).id;
      ids.miaTuesday = (await book({ start: '2027-04-13T09:00:00+02:00' })).id;
      ids.lukasWednesday = (await book({ start: '2027-04-14T09:00:00+02:00', patientId: demo.lukas.id })).id;
      last = await t.http.post(`/appointments/${ids.lukasWednesday}/cancel`, staff, { reason: 'Moved away' });
    });

    const idsOf = (response: HttpResponse) => response.body.items.map((a: { id: string }) => a.id);

    it('lists in start order with the names, filtered by doctor, patient, room, status and time', async () => {
      const all = await read('/appointments?from=2027-04-12T00:00:00Z&to=2027-04-15T00:00:00Z');
      expect(all.status).toBe(200);
      expect(idsOf(all)).toEqual([ids.miaMonday, ids.lukasMonday, ids.emmaRichter, ids.miaTuesday, ids.lukasWednesday]);
      expect(all.body.items[0]).toMatchObject({ doctor: { name: 'Dr. Anna Weber' }, patient: { name: 'Mia Schneider' }, version: 1 });
      expect(all.body.nextCursor).toBeNull();

      const window = 'from=2027-04-12T00:00:00Z&to=2027-04-15T00:00:00Z';
      expect(idsOf(await read(`/appointments?${window}&doctorId=${demo.richter.id}`))).toEqual([ids.emmaRichter]);
      expect(idsOf(await read(`/appointments?${window}&patientId=${demo.mia.id}`))).toEqual([ids.miaMonday, ids.miaTuesday]);
      expect(idsOf(await read(`/appointments?${window}&roomId=${demo.room2.id}`))).toEqual([ids.lukasMonday]);
      expect(idsOf(await read(`/appointments?${window}&status=cancelled`))).toEqual([ids.lukasWednesday]);
      expect(idsOf(await read(`/appointments?${window}&status=booked,cancelled&patientId=${demo.lukas.id}`))).toEqual([ids.lukasMonday, ids.lukasWednesday]);
      expect(idsOf(await read('/appointments?from=2027-04-13T00:00:00Z&to=2027-04-14T00:00:00Z'))).toEqual([ids.miaTuesday]);
      const cancelled = await read(`/appointments/${ids.lukasWednesday}`);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Moved away', version: 2 });
    });

    it('pages with a cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: HttpResponse = await read(`/appointments?from=2027-04-12T00:00:00Z&to=2027-04-15T00:00:00Z&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...idsOf(page));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([ids.miaMonday, ids.lukasMonday, ids.emmaRichter, ids.miaTuesday, ids.lukasWednesday]);
    });

    it('rejects bad filters', async () => {
      for (const query of ['status=lost', 'limit=500', 'limit=0', 'doctorId=dr', 'from=yesterday', 'cursor=nonsense', 'colour=red', 'minPosition=-1']) {
        const response = await read(`/appointments?${query}`);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
      }
    });

    it('scopes a patient and a doctor to their own appointments', async () => {
      const mia = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
      expect(idsOf(await read('/appointments?from=2027-04-12T00:00:00Z&to=2027-04-15T00:00:00Z', mia))).toEqual([ids.miaMonday, ids.miaTuesday]);
      expect(idsOf(await read(`/appointments?patientId=${demo.lukas.id}`, mia))).toEqual([]);
      const richter = t.tokenFor({ role: 'doctor', doctorId: demo.richter.id });
      expect(idsOf(await read('/appointments?from=2027-04-12T00:00:00Z&to=2027-04-15T00:00:00Z', richter))).toEqual([ids.emmaRichter]);
      expect((await read(`/appointments/${ids.miaMonday}/history`, richter)).status).toBe(404);
    });
  });

  describe('read-your-writes', () => {
    it('sees a command effect at once with minPosition or X-Min-Position', async () => {
      const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-04-19T09:00:00+02:00' }));
      const position = booked.headers.get('x-event-position');
      expect((await t.http.get(`/appointments/${booked.body.id}?minPosition=${position}`, staff)).status).toBe(200);
      const moved = await t.http.post(`/appointments/${booked.body.id}/reschedule`, staff, { start: '2027-04-19T10:00:00+02:00' });
      const after = await t.http.get(`/appointments/${booked.body.id}`, staff, { 'x-min-position': moved.headers.get('x-event-position')! });
      expect(after.body).toMatchObject({ version: 2, start: '2027-04-19T08:00:00.000Z' });
      const history = await t.http.get(`/appointments/${booked.body.id}/history?minPosition=${moved.headers.get('x-event-position')}`, staff);
      expect(history.body.items.map((e: { eventType: string }) => e.eventType)).toEqual(['AppointmentCreated', 'AppointmentRescheduled']);
    });

    it('answers 503 with Retry-After when the read side has not reached the position in time', async () => {
      const response = await t.http.get('/appointments?minPosition=999999999', staff);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.body.type).toBe('/problems/read-side-behind');
    });
  });

  describe('a doctor day: schedule and free slots', () => {
    it('shows the schedule of a local date, with the working hours as instants', async () => {
      const booked = await book({ start: '2027-03-29T09:00:00+02:00', appointmentTypeId: demo.checkUp.id });
      const schedule = await read(`/doctors/${demo.weber.id}/schedule?date=2027-03-29`);
      expect(schedule.status).toBe(200);
      expect(schedule.body).toEqual({
        doctor: { id: demo.weber.id, name: 'Dr. Anna Weber', timezone: 'Europe/Berlin' },
        date: '2027-03-29',
        workingHours: [
          { start: '2027-03-29T06:00:00.000Z', end: '2027-03-29T10:00:00.000Z' },
          { start: '2027-03-29T11:00:00.000Z', end: '2027-03-29T15:00:00.000Z' },
        ],
        blocks: [],
        appointments: [
          {
            id: booked.id,
            status: 'booked',
            start: '2027-03-29T07:00:00.000Z',
            end: '2027-03-29T07:40:00.000Z',
            title: 'Persistent cough',
            version: 1,
            patient: { id: demo.mia.id, name: 'Mia Schneider' },
            room: { id: demo.room1.id, name: 'Consultation room 1' },
            appointmentType: { id: demo.checkUp.id, name: 'Annual check-up' },
          },
        ],
        holds: [],
      });
      expect((await read(`/doctors/${demo.weber.id}/schedule?date=2027-03-29`, t.tokenFor({ role: 'doctor', doctorId: demo.richter.id }))).status).toBe(404);
      expect((await read(`/doctors/${demo.weber.id}/schedule?date=2027-02-30`)).status).toBe(400);
    });

    it('finds free slots around the DST change, with buffers on both sides', async () => {
      // Friday 2027-03-26 is CET (08:00 local = 07:00Z); Monday 2027-03-29 is CEST (08:00 = 06:00Z).
      const slotsOn = async (date: string, typeId: string) =>
        (await read(`/doctors/${demo.weber.id}/availability?date=${date}&appointmentTypeId=${typeId}`)).body.slots.map((s: { start: string }) => s.start);
      const friday = await slotsOn('2027-03-26', demo.consultation.id);
      const monday = await slotsOn('2027-03-29', demo.consultation.id);
      expect(friday[0]).toBe('2027-03-26T07:00:00.000Z');
      expect(monday[0]).toBe('2027-03-29T06:00:00.000Z');

      // The check-up booked above holds 06:55-07:50Z (09:00-09:40 local with 5 and 10 minutes of
      // buffers). A consultation (20 min + 5 after) may end its buffer at 06:55 at the latest,
      // and start at 07:50 at the earliest.
      expect(monday).toContain('2027-03-29T06:30:00.000Z');
      for (const taken of ['2027-03-29T06:45:00.000Z', '2027-03-29T07:00:00.000Z', '2027-03-29T07:15:00.000Z', '2027-03-29T07:30:00.000Z', '2027-03-29T07:45:00.000Z']) {
        expect(monday).not.toContain(taken);
      }
      expect(monday).toContain('2027-03-29T08:00:00.000Z');
      // The last slot ends when the afternoon range ends (17:00 local = 15:00Z).
      expect(monday[monday.length - 1]).toBe('2027-03-29T14:30:00.000Z');
    });

    it('never offers a slot in the past, and nothing outside working hours', async () => {
      t.clock.set('2027-03-29T12:05:00Z');
      const slots = (await read(`/doctors/${demo.weber.id}/availability?date=2027-03-29&appointmentTypeId=${demo.consultation.id}`)).body.slots;
      expect(slots[0].start).toBe('2027-03-29T12:15:00.000Z');
      t.clock.set('2027-03-01T08:00:00Z');
      const sunday = await read(`/doctors/${demo.weber.id}/availability?date=2027-03-28&appointmentTypeId=${demo.consultation.id}`);
      expect(sunday.body.slots).toEqual([]);
      const patient = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
      expect((await read(`/doctors/${demo.weber.id}/availability?date=2027-03-29&appointmentTypeId=${demo.consultation.id}`, patient)).status).toBe(200);
      expect((await read(`/doctors/${demo.weber.id}/availability?date=2027-03-29`)).status).toBe(400);
    });
  });

  describe('rebuilds', () => {
    const checksum = async (table: string, key: string) =>
      (await t.dataSource.query(`select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by ${key}), '')) as sum from ${table} t`))[0];

    it('rebuilds each projection from the log into tables equal to the live ones', async () => {
      const rebuilder = t.app.get(ProjectionRebuilder);
      expect(rebuilder.projections().sort()).toEqual([SUBSCRIPTIONS.appointmentDetails, SUBSCRIPTIONS.doctorSchedule, SUBSCRIPTIONS.integrationEvents, SUBSCRIPTIONS.reminderSchedule, SUBSCRIPTIONS.scheduleBlocks]);
      await read('/appointments?limit=1');
      const live = { details: await checksum('appointment_details', 'id'), schedule: await checksum('doctor_schedule', 'appointment_id') };
      expect(live.details.rows).toBeGreaterThan(5);

      await rebuilder.rebuild(SUBSCRIPTIONS.appointmentDetails);
      await rebuilder.rebuild(SUBSCRIPTIONS.doctorSchedule);
      expect(await checksum('appointment_details', 'id')).toEqual(live.details);
      expect(await checksum('doctor_schedule', 'appointment_id')).toEqual(live.schedule);

      // The live subscriptions go on from where the rebuild left them.
      const next = await book({ start: '2027-04-20T09:00:00+02:00' });
      expect((await read(`/appointments/${next.id}`)).status).toBe(200);
    });
  });
});
