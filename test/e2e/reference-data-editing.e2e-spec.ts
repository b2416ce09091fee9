import { randomUUID } from 'node:crypto';
import { afterWrite, weekdays } from '../support/demo';
import { HttpResponse } from '../support/http-client';
import { startTestApp, TestApp } from '../support/test-app';

const WEEKDAYS = weekdays([['08:00', '17:00']]);

/** A Monday morning in Berlin (CET), three weeks after the clock's "now". */
const MONDAY_0900 = '2027-03-22T09:00:00+01:00';

describe('Editing and retiring reference data over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T08:00:00Z' });
    admin = t.tokenFor({ role: 'admin' });
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(() => t.close());

  const patch = (path: string, token: string | undefined, body: unknown, headers?: Record<string, string>) => t.http.request('PATCH', path, { token, body, headers });

  const unique = () => randomUUID().slice(0, 8);
  async function created(path: string, body: Record<string, unknown>): Promise<{ id: string; name: string }> {
    const response = await t.http.post(path, admin, body);
    expect(response.status).toBe(201);
    return response.body;
  }
  const newDoctor = (overrides: Record<string, unknown> = {}) =>
    created('/doctors', { name: `Dr. ${unique()}`, email: 'doctor@clinic.example', specialty: 'General practice', timezone: 'Europe/Berlin', workingHours: WEEKDAYS, ...overrides });
  const newPatient = () => created('/patients', { name: `Patient ${unique()}`, email: 'patient@mail.example', phone: '+49 30 5550100' });
  const newRoom = () => created('/rooms', { name: `Room ${unique()}` });
  const newType = () => created('/appointment-types', { name: `Type ${unique()}`, durationMinutes: 30 });

  function expectProblem(response: HttpResponse, status: number, detail?: RegExp) {
    expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({ status, contentType: expect.stringMatching(/^application\/problem\+json/) });
    if (detail) expect(response.body.detail).toMatch(detail);
  }

  describe('PATCH', () => {
    it('edits each kind of record: 200 with the record, one version more, its ETag; GET by id answers the same ETag', async () => {
      const cases: Array<[string, { id: string }, Record<string, unknown>]> = [
        ['/doctors', await newDoctor(), { name: 'Dr. Renamed', email: 'renamed@clinic.example', specialty: 'Cardiology', timezone: 'Europe/Vienna' }],
        ['/patients', await newPatient(), { name: 'Renamed Patient', email: 'renamed@mail.example', phone: null }],
        ['/rooms', await newRoom(), { name: 'Renamed room' }],
        ['/appointment-types', await newType(), { name: 'Renamed type', durationMinutes: 45, bufferBeforeMinutes: 5, bufferAfterMinutes: 10 }],
      ];
      for (const [path, record, changes] of cases) {
        const before = await t.http.get(`${path}/${record.id}`, staff);
        expect({ path, status: before.status, etag: before.headers.get('etag'), version: before.body.version }).toEqual({ path, status: 200, etag: '"1"', version: 1 });

        const edited = await patch(`${path}/${record.id}`, admin, changes);
        expect({ path, status: edited.status, etag: edited.headers.get('etag') }).toEqual({ path, status: 200, etag: '"2"' });
        expect(edited.body).toEqual({ ...before.body, ...changes, version: 2, active: true });

        const after = await t.http.get(`${path}/${record.id}`, staff);
        expect({ body: after.body, etag: after.headers.get('etag') }).toEqual({ body: edited.body, etag: '"2"' });
      }
    });

    it('changes only the fields sent', async () => {
      const type = await created('/appointment-types', { name: `Type ${unique()}`, durationMinutes: 30, bufferBeforeMinutes: 5, bufferAfterMinutes: 10 });
      const edited = await patch(`/appointment-types/${type.id}`, admin, { bufferAfterMinutes: 0 });
      expect(edited.body).toEqual({ ...type, bufferAfterMinutes: 0, version: 2 });
    });

    it('honours If-Match: the current version or * applies, a stale one is a 412 that changes nothing, a malformed one a 400', async () => {
      const room = await newRoom();
      expect((await patch(`/rooms/${room.id}`, admin, { name: 'First' }, { 'if-match': '"1"' })).status).toBe(200);
      expect((await patch(`/rooms/${room.id}`, admin, { name: 'Second' }, { 'if-match': '"7", "2"' })).status).toBe(200);
      expect((await patch(`/rooms/${room.id}`, admin, { name: 'Third' }, { 'if-match': '*' })).status).toBe(200);

      const stale = await patch(`/rooms/${room.id}`, admin, { name: 'Lost' }, { 'if-match': '"2"' });
      expectProblem(stale, 412, /If-Match expected version 2, the room is at version 4/);
      expect(stale.body.type).toBe('/problems/stale-version');
      expectProblem(await patch(`/rooms/${room.id}`, admin, { name: 'Lost' }, { 'if-match': 'W/"4"' }), 412);
      for (const malformed of ['4', 'abc', '"4', '"4" junk']) {
        const response = await patch(`/rooms/${room.id}`, admin, { name: 'Lost' }, { 'if-match': malformed });
        expectProblem(response, 400, /If-Match must be/);
        expect(response.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
      }
      expect((await t.http.get(`/rooms/${room.id}`, staff)).body).toMatchObject({ name: 'Third', version: 4 });
    });

    it('validates a partial body as on create: unknown fields, bad values, nulls and an empty body are 400s naming the problem', async () => {
      const doctor = await newDoctor();
      const patient = await newPatient();
      const room = await newRoom();
      const type = await newType();
      const cases: Array<[string, unknown, RegExp]> = [
        [`/rooms/${room.id}`, { name: 'Room', floor: 2 }, /property floor should not exist/],
        [`/rooms/${room.id}`, { name: '' }, /name should not be empty/],
        [`/rooms/${room.id}`, { name: null }, /name must be a string/],
        [`/rooms/${room.id}`, { name: 'x'.repeat(201) }, /name must be shorter than or equal to 200 characters/],
        [`/rooms/${room.id}`, { name: 'Line\nbreak' }, /name/],
        [`/rooms/${room.id}`, { active: 'no' }, /active must be a boolean value/],
        [`/rooms/${room.id}`, {}, /at least one field/],
        [`/rooms/${room.id}`, undefined, /at least one field/],
        [`/rooms/${room.id}`, { id: randomUUID() }, /property id should not exist/],
        [`/rooms/${room.id}`, { version: 9 }, /property version should not exist/],
        [`/doctors/${doctor.id}`, { timezone: 'Mars/Olympus' }, /timezone must be an IANA timezone/],
        [`/doctors/${doctor.id}`, { email: 'not-an-email' }, /email must be an email/],
        [`/doctors/${doctor.id}`, { workingHours: WEEKDAYS }, /workingHours cannot be edited here: send PUT \/doctors\/\{id\}\/working-hours/],
        [`/doctors/${doctor.id}`, { workingHours: null }, /PUT \/doctors\/\{id\}\/working-hours/],
        [`/patients/${patient.id}`, { phone: 'call me' }, /phone must be a phone number/],
        [`/patients/${patient.id}`, { email: null }, /email must be an email/],
        [`/appointment-types/${type.id}`, { durationMinutes: 0 }, /durationMinutes must not be less than 1/],
        [`/appointment-types/${type.id}`, { durationMinutes: 12.5 }, /durationMinutes must be an integer/],
        [`/appointment-types/${type.id}`, { bufferBeforeMinutes: 241 }, /bufferBeforeMinutes must not be greater than 240/],
      ];
      for (const [path, body, detail] of cases) {
        const response = await patch(path, admin, body);
        expect({ path, body, status: response.status }).toEqual({ path, body, status: 400 });
        expectProblem(response, 400, detail);
      }
      expectProblem(await patch('/rooms/42', admin, { name: 'Room' }), 400);
      // A refused edit writes nothing.
      for (const path of [`/doctors/${doctor.id}`, `/patients/${patient.id}`, `/rooms/${room.id}`, `/appointment-types/${type.id}`]) {
        expect((await t.http.get(path, staff)).body.version).toBe(1);
      }
    });

    it('lets admins edit every kind, staff only the name and contact details of patients; an unknown id is a 404', async () => {
      const room = await newRoom();
      const doctor = await newDoctor();
      expectProblem(await patch(`/rooms/${room.id}`, staff, { name: 'By staff' }), 403);
      expectProblem(await patch(`/doctors/${doctor.id}`, staff, { name: 'By staff' }), 403);
      expectProblem(await patch(`/rooms/${room.id}`, t.tokenFor({ role: 'doctor', doctorId: doctor.id }), { name: 'By a doctor' }), 403);
      expect((await patch(`/rooms/${room.id}`, undefined, { name: 'Anonymous' })).status).toBe(401);
      for (const path of ['/doctors', '/patients', '/rooms', '/appointment-types']) {
        expectProblem(await patch(`${path}/${randomUUID()}`, admin, { name: 'Nobody' }), 404, /does not exist/);
      }
      const patient = await newPatient();
      const byStaff = await patch(`/patients/${patient.id}`, staff, { name: 'Edited at the front desk', email: 'front.desk@mail.example', phone: null });
      expect({ status: byStaff.status, body: byStaff.body }).toMatchObject({
        status: 200,
        body: { name: 'Edited at the front desk', email: 'front.desk@mail.example', phone: null, active: true, version: 2 },
      });
      for (const body of [{ active: false }, { name: 'Retired at the front desk', active: false }, { active: true }]) {
        expectProblem(await patch(`/patients/${patient.id}`, staff, body), 403, /Staff may change only a patient's name, email and phone, not active/);
      }
      expect((await t.http.get(`/patients/${patient.id}`, staff)).body).toMatchObject({ name: 'Edited at the front desk', active: true, version: 2 });
      expect((await patch(`/patients/${patient.id}`, admin, { active: false })).body).toMatchObject({ active: false, version: 3 });
    });

    it('lets a patient read their own record and edit their own email and phone only; another patient\'s record is a 404', async () => {
      const own = await newPatient();
      const other = await newPatient();
      const patient = t.tokenFor({ role: 'patient', patientId: own.id });

      const read = await t.http.get(`/patients/${own.id}`, patient);
      expect({ status: read.status, etag: read.headers.get('etag') }).toEqual({ status: 200, etag: '"1"' });
      const edited = await patch(`/patients/${own.id}`, patient, { email: 'new.address@mail.example', phone: '+49 30 5550199' }, { 'if-match': '"1"' });
      expect({ status: edited.status, body: edited.body }).toEqual({ status: 200, body: { ...read.body, email: 'new.address@mail.example', phone: '+49 30 5550199', version: 2 } });
      expect((await patch(`/patients/${own.id}`, patient, { phone: null })).body.phone).toBeNull();

      expectProblem(await patch(`/patients/${own.id}`, patient, { name: 'New name' }), 403, /only their email and phone, not name/);
      expectProblem(await patch(`/patients/${own.id}`, patient, { email: 'x@mail.example', active: false }), 403, /not active/);

      for (const response of [await patch(`/patients/${other.id}`, patient, { email: 'stolen@mail.example' }), await t.http.get(`/patients/${other.id}`, patient)]) {
        expectProblem(response, 404);
        expect(JSON.stringify(response.body)).not.toContain(other.name);
      }
      expect((await t.http.get(`/patients/${other.id}`, staff)).body).toMatchObject({ email: 'patient@mail.example', version: 1 });
    });

    it('applies ten concurrent edits without If-Match one after the other: all 200, versions 2 to 11, no field lost', async () => {
      const doctor = await newDoctor();
      const fields = ['name', 'email', 'specialty'] as const;
      const values = (i: number) => ({ name: `Dr. Concurrent ${i}`, email: `concurrent.${i}@clinic.example`, specialty: `Specialty ${i}` });
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => patch(`/doctors/${doctor.id}`, admin, { [fields[i % 3]]: values(i)[fields[i % 3]] })));
      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
      expect(responses.map((response) => response.body.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

      const final = (await t.http.get(`/doctors/${doctor.id}`, staff)).body;
      expect(final.version).toBe(11);
      // The last edit of each field wins: the response with the highest version among that field's edits.
      for (const [index, field] of fields.entries()) {
        const edits = responses.filter((_, i) => i % 3 === index);
        const last = edits.reduce((a, b) => (a.body.version > b.body.version ? a : b));
        expect(final[field]).toBe(last.body[field]);
      }
    });
  });

  describe('retiring', () => {
    it('leaves a retired record out of lists unless includeInactive (admin and staff), and still answers it by id', async () => {
      const room = await newRoom();
      const retired = await patch(`/rooms/${room.id}`, admin, { active: false });
      expect(retired.body).toMatchObject({ active: false, version: 2 });

      const names = async (query: string, token: string) => ((await t.http.get(`/rooms?limit=100${query}`, token)).body.items as Array<{ id: string }>).map((item) => item.id);
      expect(await names('', staff)).not.toContain(room.id);
      expect(await names('&includeInactive=false', staff)).not.toContain(room.id);
      expect(await names('&includeInactive=true', staff)).toContain(room.id);
      expect(await names('&includeInactive=true', admin)).toContain(room.id);
      const patient = t.tokenFor({ role: 'patient', patientId: randomUUID() });
      expect(await names('', patient)).not.toContain(room.id);
      expectProblem(await t.http.get('/rooms?includeInactive=true', patient), 403, /Only admin and staff/);
      expectProblem(await t.http.get('/doctors?includeInactive=true', t.tokenFor({ role: 'doctor', doctorId: randomUUID() })), 403);
      for (const bad of ['yes', '1', 'TRUE', '']) {
        expectProblem(await t.http.get(`/rooms?includeInactive=${bad}`, staff), 400, /includeInactive must be true or false/);
      }

      const byId = await t.http.get(`/rooms/${room.id}`, patient);
      expect({ status: byId.status, active: byId.body.active, etag: byId.headers.get('etag') }).toEqual({ status: 200, active: false, etag: '"2"' });

      expect((await patch(`/rooms/${room.id}`, admin, { active: true })).body).toMatchObject({ active: true, version: 3 });
      expect(await names('', staff)).toContain(room.id);
    });

    it('pages a list with includeInactive by the same cursor', async () => {
      const prefix = `Retired paging ${unique()}`;
      const rooms = [];
      for (let i = 0; i < 4; i++) rooms.push(await created('/rooms', { name: `${prefix} ${i}` }));
      await patch(`/rooms/${rooms[1].id}`, admin, { active: false });
      const collect = async (query: string) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: HttpResponse<{ items: Array<{ name: string }>; nextCursor: string | null }> = await t.http.get(`/rooms?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`, staff);
          seen.push(...page.body.items.map((item) => item.name));
          cursor = page.body.nextCursor;
        } while (cursor);
        return seen.filter((name) => name.startsWith(prefix));
      };
      expect(await collect('')).toEqual([0, 2, 3].map((i) => `${prefix} ${i}`));
      expect(await collect('&includeInactive=true')).toEqual([0, 1, 2, 3].map((i) => `${prefix} ${i}`));
    });

    it('refuses new bookings naming a retired doctor, patient, room or appointment type (422 record-retired), and reassignments to a retired doctor or room', async () => {
      const [doctor, patient, room, type, otherDoctor, otherRoom] = [await newDoctor(), await newPatient(), await newRoom(), await newType(), await newDoctor(), await newRoom()];
      const booking = (start: string) => ({ appointmentTypeId: type.id, doctorId: doctor.id, patientId: patient.id, roomId: room.id, start, title: 'Check-up' });
      const booked = await t.http.post('/appointments', staff, booking(MONDAY_0900));
      expect(booked.status).toBe(201);

      const retire = async (path: string, id: string, active: boolean) => expect((await patch(`${path}/${id}`, admin, { active })).status).toBe(200);
      const cases: Array<[string, { id: string }, string]> = [
        ['/doctors', doctor, 'Doctor'],
        ['/patients', patient, 'Patient'],
        ['/rooms', room, 'Room'],
        ['/appointment-types', type, 'Appointment type'],
      ];
      for (const [path, record, label] of cases) {
        await retire(path, record.id, false);
        const refused = await t.http.post('/appointments', staff, booking('2027-03-22T11:00:00+01:00'));
        expectProblem(refused, 422, new RegExp(`${label} ${record.id} is retired`));
        expect(refused.body).toMatchObject({ type: '/problems/record-retired', retired: { kind: label.toLowerCase().replace(' ', '-'), id: record.id } });
        await retire(path, record.id, true);
      }
      expect((await t.http.post('/appointments', staff, booking('2027-03-22T11:00:00+01:00'))).status).toBe(201);

      await retire('/doctors', otherDoctor.id, false);
      await retire('/rooms', otherRoom.id, false);
      const toDoctor = await t.http.post(`/appointments/${booked.body.id}/reassign`, staff, { doctorId: otherDoctor.id, comment: 'Cover' });
      expectProblem(toDoctor, 422, new RegExp(`Doctor ${otherDoctor.id} is retired`));
      const toRoom = await t.http.post(`/appointments/${booked.body.id}/reassign`, staff, { roomId: otherRoom.id, comment: 'Bigger room' });
      expectProblem(toRoom, 422, new RegExp(`Room ${otherRoom.id} is retired`));
      expect((await t.http.get(`/appointments/${booked.body.id}`, staff)).body.version).toBe(1);
    });

    it('keeps the appointments of a retired doctor working and named: readable, reschedulable, cancellable', async () => {
      const doctor = await newDoctor({ name: 'Dr. Leaving Soon' });
      const [patient, room, type] = [await newPatient(), await newRoom(), await newType()];
      const booked = await t.http.post('/appointments', staff, { appointmentTypeId: type.id, doctorId: doctor.id, patientId: patient.id, roomId: room.id, start: MONDAY_0900, title: 'Last visit' });
      expect(booked.status).toBe(201);
      for (const [path, id] of [['/doctors', doctor.id], ['/patients', patient.id], ['/rooms', room.id], ['/appointment-types', type.id]]) {
        expect((await patch(`${path}/${id}`, admin, { active: false })).status).toBe(200);
      }

      const read = await t.http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked));
      expect(read.body).toMatchObject({ status: 'booked', doctor: { id: doctor.id, name: 'Dr. Leaving Soon' }, patient: { id: patient.id, name: patient.name }, room: { name: room.name } });
      const listed = await t.http.get(`/appointments?doctorId=${doctor.id}`, staff, afterWrite(booked));
      expect(listed.body.items).toEqual([expect.objectContaining({ id: booked.body.id, doctor: { id: doctor.id, name: 'Dr. Leaving Soon' } })]);

      const rescheduled = await t.http.post(`/appointments/${booked.body.id}/reschedule`, staff, { start: '2027-03-22T10:00:00+01:00' });
      expect(rescheduled.status).toBe(200);
      const cancelled = await t.http.post(`/appointments/${booked.body.id}/cancel`, staff, { reason: 'Doctor left the practice' });
      expect(cancelled.body).toMatchObject({ status: 'cancelled', doctor: { name: 'Dr. Leaving Soon' } });
    });

    it('leaves the read side of appointments as it is when a record is edited or retired', async () => {
      const room = await newRoom();
      const [doctor, patient, type] = [await newDoctor(), await newPatient(), await newType()];
      const booked = await t.http.post('/appointments', staff, { appointmentTypeId: type.id, doctorId: doctor.id, patientId: patient.id, roomId: room.id, start: MONDAY_0900, title: 'Visit' });
      const before = await t.http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked));
      await patch(`/rooms/${room.id}`, admin, { name: 'Room with a new name', active: false });
      expect((await t.http.get(`/appointments/${booked.body.id}`, staff)).body).toEqual(before.body);
    });
  });

  describe('working hours shown', () => {
    it('shows the hours in force today in the doctor\'s zone and the planned changes; an edited zone moves "today"', async () => {
      // Planned changes written straight into doctor_working_hours, as the working-hours change
      // (PUT /doctors/:id/working-hours) leaves them: this test is about how a doctor reads.
      const early = { mon: [['07:00', '11:00']] };
      const spring = { tue: [['10:00', '14:00']] };
      const summer = { wed: [['12:00', '18:00']] };
      const doctor = await newDoctor({ timezone: 'Europe/Berlin' });
      const plan = (effectiveFrom: string, hours: unknown) =>
        t.dataSource.query(`insert into doctor_working_hours (doctor_id, effective_from, working_hours) values ($1, $2, $3)`, [doctor.id, effectiveFrom, JSON.stringify(hours)]);
      await plan('2027-02-01', early);
      await plan('2027-03-02', spring);
      await plan('2027-07-01', summer);
      // 2027-03-01 12:00 UTC: 13:00 on the 1st in Berlin, already 02:00 on the 2nd in Kiritimati (UTC+14).
      t.clock.set('2027-03-01T12:00:00Z');
      try {
        const inBerlin = await t.http.get(`/doctors/${doctor.id}`, staff);
        expect(inBerlin.body).toMatchObject({
          workingHours: early,
          upcomingWorkingHours: [
            { effectiveFrom: '2027-03-02', workingHours: spring },
            { effectiveFrom: '2027-07-01', workingHours: summer },
          ],
        });
        const listed = (await t.http.get('/doctors?limit=100', staff)).body.items.find((item: { id: string }) => item.id === doctor.id);
        expect(listed).toEqual(inBerlin.body);

        const moved = await patch(`/doctors/${doctor.id}`, admin, { timezone: 'Pacific/Kiritimati' });
        expect(moved.body).toMatchObject({ timezone: 'Pacific/Kiritimati', workingHours: spring, upcomingWorkingHours: [{ effectiveFrom: '2027-07-01', workingHours: summer }] });
        expect((await t.http.get(`/doctors/${doctor.id}`, staff)).body).toEqual(moved.body);
      } finally {
        t.clock.set('2027-03-01T08:00:00Z');
      }
    });

    it('shows the hours the doctor was created with until a change takes effect', async () => {
      const doctor = await newDoctor();
      await t.dataSource.query(`insert into doctor_working_hours (doctor_id, effective_from, working_hours) values ($1, '2027-05-03', $2)`, [doctor.id, JSON.stringify({ fri: [['09:00', '10:00']] })]);
      expect((await t.http.get(`/doctors/${doctor.id}`, staff)).body).toMatchObject({ workingHours: WEEKDAYS, upcomingWorkingHours: [{ effectiveFrom: '2027-05-03', workingHours: { fri: [['09:00', '10:00']] } }] });
    });
  });
});
