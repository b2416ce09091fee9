import { randomUUID } from 'node:crypto';
import { DEMO_CLINIC } from '../../src/database/demo-data';
import { bookingBody, demo } from '../support/demo';
import { startTestApp, TestApp } from '../support/test-app';

const haddad = DEMO_CLINIC.doctors[2];

/**
 * Free slots that tell the truth: the working hours in force on the date, and everything in the
 * reservations a booking would meet. Time off, closures, room blocks and working hours are set
 * through the API; the patient's hold is written straight into the reservations table (the row a
 * hold leaves there), there being no hold endpoint yet.
 */
describe('Availability', () => {
  let t: TestApp;
  let staff: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = t.tokenFor({ role: 'staff' });
    admin = t.tokenFor({ role: 'admin' });
  });
  afterAll(() => t.close());

  type Whose = { doctorId?: string; roomId?: string; patientId?: string };
  /** Schedules a block through its endpoint; answers its id. */
  async function block(path: string, start: string, end: string): Promise<string> {
    const reply = await t.http.post(path, admin, { start, end, reason: 'Planned' });
    expect({ path, status: reply.status }).toEqual({ path, status: 201 });
    return reply.body.id;
  }
  /** The row a hold of a slot leaves in the reservations table. */
  async function hold(start: string, end: string, whose: Required<Whose>) {
    await t.dataSource.query(
      `insert into reservations (reserved_by, kind, doctor_id, room_id, patient_id, span, during)
       values ($1, 'hold', $2, $3, $4, tstzrange($5, $6, '[)'), tstzrange($5, $6, '[)'))`,
      [randomUUID(), whose.doctorId, whose.roomId, whose.patientId, start, end],
    );
  }

  const query = (params: Record<string, string | undefined>) =>
    new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
  const doctorSlots = async (date: string, options: { doctorId?: string; typeId?: string; token?: string } & Omit<Whose, 'doctorId'> = {}) => {
    const reply = await t.http.get(
      `/doctors/${options.doctorId ?? demo.weber.id}/availability?${query({ date, appointmentTypeId: options.typeId ?? demo.consultation.id, roomId: options.roomId, patientId: options.patientId })}`,
      options.token ?? staff,
    );
    expect(reply.status).toBe(200);
    return reply.body.slots as Array<{ start: string; end: string }>;
  };
  const startsOf = (slots: Array<{ start: string }>) => slots.map((slot) => slot.start);
  /** Every 15 minutes from `from` (included) to `to` (excluded), as the API writes instants. */
  const steps = (from: string, to: string) => {
    const result: string[] = [];
    for (let at = Date.parse(from); at < Date.parse(to); at += 15 * 60_000) result.push(new Date(at).toISOString());
    return result;
  };

  it("answers the doctor's day: zone, type and the slots (a consultation: 20 minutes and 5 after)", async () => {
    const reply = await t.http.get(`/doctors/${demo.weber.id}/availability?date=2027-04-06&appointmentTypeId=${demo.consultation.id}`, staff);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ doctorId: demo.weber.id, date: '2027-04-06', timezone: 'Europe/Berlin', appointmentTypeId: demo.consultation.id });
    // Tuesday 2027-04-06 is CEST: 08:00-12:00 and 13:00-17:00 local are 06:00-10:00Z and 11:00-15:00Z.
    expect(startsOf(reply.body.slots)).toEqual([...steps('2027-04-06T06:00:00Z', '2027-04-06T09:45:00Z'), ...steps('2027-04-06T11:00:00Z', '2027-04-06T14:45:00Z')]);
    expect(reply.body.slots[0]).toEqual({ start: '2027-04-06T06:00:00.000Z', end: '2027-04-06T06:20:00.000Z' });
  });

  it('leaves out the time off of the doctor, and only theirs, until it is cancelled', async () => {
    const before = await doctorSlots('2027-04-06');
    // Weber off 10:00-11:00 local (08:00-09:00Z): a consultation holds [start, start + 25 min).
    const timeOffId = await block(`/doctors/${demo.weber.id}/time-off`, '2027-04-06T10:00:00+02:00', '2027-04-06T11:00:00+02:00');
    await block(`/doctors/${demo.richter.id}/time-off`, '2027-04-06T08:00:00+02:00', '2027-04-06T12:00:00+02:00');
    const starts = startsOf(await doctorSlots('2027-04-06'));
    expect(starts).toContain('2027-04-06T07:30:00.000Z');
    for (const gone of steps('2027-04-06T07:45:00Z', '2027-04-06T09:00:00Z')) expect(starts).not.toContain(gone);
    expect(starts).toContain('2027-04-06T09:00:00.000Z');
    expect(starts).toHaveLength(30 - 5);

    expect((await t.http.request('DELETE', `/doctors/${demo.weber.id}/time-off/${timeOffId}`, { token: admin })).status).toBe(204);
    expect(await doctorSlots('2027-04-06')).toEqual(before);
  });

  it("leaves out a time off that spans midnight in the doctor's zone until it ends", async () => {
    // From Monday 2027-04-12 20:00 to Tuesday 09:00 Berlin time.
    await block(`/doctors/${demo.weber.id}/time-off`, '2027-04-12T20:00:00+02:00', '2027-04-13T09:00:00+02:00');
    expect(startsOf(await doctorSlots('2027-04-13'))[0]).toBe('2027-04-13T07:00:00.000Z');
    expect(startsOf(await doctorSlots('2027-04-12')).at(-1)).toBe('2027-04-12T14:30:00.000Z');
  });

  it("leaves out a clinic closure for every doctor, the closure's edges and the type's buffers respected", async () => {
    // Thursday 2027-04-08, closed 12:30-14:00 local (10:30-12:00Z): Weber works 08-12 and 13-17,
    // Haddad 10-18.
    await block('/closures', '2027-04-08T12:30:00+02:00', '2027-04-08T14:00:00+02:00');
    const weber = startsOf(await doctorSlots('2027-04-08'));
    expect(weber).not.toContain('2027-04-08T11:00:00.000Z');
    expect(weber).not.toContain('2027-04-08T11:45:00.000Z');
    expect(weber).toContain('2027-04-08T12:00:00.000Z');
    const clinicWide = (await t.http.get(`/availability?date=2027-04-08&appointmentTypeId=${demo.consultation.id}`, staff)).body.slots as Array<{ doctorId: string; start: string }>;
    const haddadStarts = clinicWide.filter((slot) => slot.doctorId === haddad.id).map((slot) => slot.start);
    // The last start before the closure ends its 5 minutes after by 10:30Z; the first after it starts at 12:00Z.
    expect(haddadStarts).toContain('2027-04-08T10:00:00.000Z');
    for (const gone of steps('2027-04-08T10:15:00Z', '2027-04-08T12:00:00Z')) expect(haddadStarts).not.toContain(gone);
    expect(haddadStarts).toContain('2027-04-08T12:00:00.000Z');
  });

  it("with roomId, leaves out the room's blocks and its appointments with other doctors; another room is unaffected", async () => {
    // Wednesday 2027-04-07 (CEST): room 1 blocked 08:00-09:00 local, room 2 booked with Richter 10:00-10:20.
    await block(`/rooms/${demo.room1.id}/blocks`, '2027-04-07T08:00:00+02:00', '2027-04-07T09:00:00+02:00');
    const booked = await t.http.post('/appointments', staff, bookingBody({ doctorId: demo.richter.id, roomId: demo.room2.id, patientId: demo.emma.id, start: '2027-04-07T10:00:00+02:00' }));
    expect(booked.status).toBe(201);

    const anyRoom = startsOf(await doctorSlots('2027-04-07'));
    expect(anyRoom).toContain('2027-04-07T06:00:00.000Z');
    expect(anyRoom).toContain('2027-04-07T08:00:00.000Z');
    const room1 = startsOf(await doctorSlots('2027-04-07', { roomId: demo.room1.id }));
    expect(room1[0]).toBe('2027-04-07T07:00:00.000Z');
    expect(room1).toContain('2027-04-07T08:00:00.000Z');
    // Read at once, without minPosition: availability reads the reservations the booking wrote.
    const room2 = startsOf(await doctorSlots('2027-04-07', { roomId: demo.room2.id }));
    expect(room2[0]).toBe('2027-04-07T06:00:00.000Z');
    for (const gone of ['2027-04-07T07:45:00.000Z', '2027-04-07T08:00:00.000Z', '2027-04-07T08:15:00.000Z']) expect(room2).not.toContain(gone);
    expect(room2).toContain('2027-04-07T07:30:00.000Z');
    expect(room2).toContain('2027-04-07T08:30:00.000Z');
  });

  it("with patientId, leaves out the patient's appointments and holds with other doctors; a patient may name only themself, a doctor no patient", async () => {
    // Friday 2027-04-09: Lukas booked with Richter at 10:00 local, and held with Richter at 11:00.
    const booked = await t.http.post('/appointments', staff, bookingBody({ doctorId: demo.richter.id, roomId: demo.room2.id, patientId: demo.lukas.id, start: '2027-04-09T10:00:00+02:00' }));
    expect(booked.status).toBe(201);
    await hold('2027-04-09T09:00:00Z', '2027-04-09T09:20:00Z', { doctorId: demo.richter.id, roomId: demo.treatmentRoom.id, patientId: demo.lukas.id });

    expect(startsOf(await doctorSlots('2027-04-09'))).toEqual(expect.arrayContaining(['2027-04-09T08:00:00.000Z', '2027-04-09T09:00:00.000Z']));
    const forLukas = startsOf(await doctorSlots('2027-04-09', { patientId: demo.lukas.id }));
    for (const gone of ['2027-04-09T07:45:00.000Z', '2027-04-09T08:00:00.000Z', '2027-04-09T08:45:00.000Z', '2027-04-09T09:00:00.000Z']) expect(forLukas).not.toContain(gone);
    expect(forLukas).toContain('2027-04-09T08:30:00.000Z');
    expect(forLukas).toContain('2027-04-09T09:30:00.000Z');

    const lukas = t.tokenFor({ role: 'patient', patientId: demo.lukas.id });
    expect(await doctorSlots('2027-04-09', { patientId: demo.lukas.id, token: lukas })).toEqual(await doctorSlots('2027-04-09', { patientId: demo.lukas.id }));
    const mia = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
    const notHers = await t.http.get(`/doctors/${demo.weber.id}/availability?date=2027-04-09&appointmentTypeId=${demo.consultation.id}&patientId=${demo.lukas.id}`, mia);
    expect(notHers.status).toBe(404);
    expect(notHers.body.detail).not.toContain('Lukas');

    // Weber asking for her own slots as they are for Lukas would learn when he is with Richter.
    const weber = t.tokenFor({ role: 'doctor', doctorId: demo.weber.id });
    expect(await doctorSlots('2027-04-09', { token: weber })).toEqual(await doctorSlots('2027-04-09'));
    const withPatient = await t.http.get(`/doctors/${demo.weber.id}/availability?date=2027-04-09&appointmentTypeId=${demo.consultation.id}&patientId=${demo.lukas.id}`, weber);
    expect({ status: withPatient.status, contentType: withPatient.headers.get('content-type') }).toEqual({ status: 404, contentType: expect.stringContaining('application/problem+json') });
    expect(JSON.stringify(withPatient.body)).not.toContain('Lukas');
    expect(JSON.stringify(withPatient.body)).not.toContain('slots');
  });

  it('follows the working hours in force on the date asked for', async () => {
    // From Monday 2027-05-03 on, Weber works 10:00-11:00 on Mondays only.
    const changed = await t.http.request('PUT', `/doctors/${demo.weber.id}/working-hours`, { token: admin, body: { effectiveFrom: '2027-05-03', workingHours: { mon: [['10:00', '11:00']] } } });
    expect(changed.status).toBe(200);
    expect(startsOf(await doctorSlots('2027-04-26'))[0]).toBe('2027-04-26T06:00:00.000Z');
    expect(startsOf(await doctorSlots('2027-05-03'))).toEqual(['2027-05-03T08:00:00.000Z', '2027-05-03T08:15:00.000Z', '2027-05-03T08:30:00.000Z']);
    expect(await doctorSlots('2027-05-04')).toEqual([]);
    expect(startsOf(await doctorSlots('2027-05-10'))).toHaveLength(3);
  });

  it('answers across active doctors, by start then doctor, with a specialty matched exactly', async () => {
    // Monday 2027-04-19: Weber 08-12 and 13-17, Richter 09-13; Haddad does not work on Mondays.
    const all = await t.http.get(`/availability?date=2027-04-19&appointmentTypeId=${demo.consultation.id}`, staff);
    expect(all.status).toBe(200);
    expect(Object.keys(all.body)).toEqual(['slots']);
    const slots = all.body.slots as Array<{ doctorId: string; start: string; end: string }>;
    expect(new Set(slots.map((slot) => slot.doctorId))).toEqual(new Set([demo.weber.id, demo.richter.id]));
    const sorted = [...slots].sort((a, b) => a.start.localeCompare(b.start) || a.doctorId.localeCompare(b.doctorId));
    expect(slots).toEqual(sorted);
    expect(slots.filter((slot) => slot.doctorId === demo.weber.id).map(({ start, end }) => ({ start, end }))).toEqual(await doctorSlots('2027-04-19'));
    expect(slots.filter((slot) => slot.doctorId === demo.richter.id).map(({ start, end }) => ({ start, end }))).toEqual(await doctorSlots('2027-04-19', { doctorId: demo.richter.id }));

    const cardiology = await t.http.get(`/availability?date=2027-04-19&appointmentTypeId=${demo.consultation.id}&specialty=Cardiology`, staff);
    expect(cardiology.body.slots.length).toBeGreaterThan(0);
    expect(cardiology.body.slots.every((slot: { doctorId: string }) => slot.doctorId === demo.richter.id)).toBe(true);
    expect((await t.http.get(`/availability?date=2027-04-19&appointmentTypeId=${demo.consultation.id}&specialty=cardiology`, staff)).body.slots).toEqual([]);
    expect((await t.http.get(`/availability?date=2027-04-18&appointmentTypeId=${demo.consultation.id}`, staff)).body.slots).toEqual([]);

    const patient = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
    expect((await t.http.get(`/availability?date=2027-04-19&appointmentTypeId=${demo.consultation.id}`, patient)).body.slots).toEqual(slots);
    const doctor = t.tokenFor({ role: 'doctor', doctorId: demo.richter.id });
    const own = (await t.http.get(`/availability?date=2027-04-19&appointmentTypeId=${demo.consultation.id}`, doctor)).body.slots as Array<{ doctorId: string }>;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((slot) => slot.doctorId === demo.richter.id)).toBe(true);
  });

  it('gives a retired doctor no slots, here and across the clinic', async () => {
    const created = await t.http.post('/doctors', admin, { name: 'Dr. Retiring', email: 'retiring@lindenhof-praxis.example', specialty: 'Geriatrics', timezone: 'Europe/Berlin', workingHours: { mon: [['09:00', '10:00']] } });
    expect(created.status).toBe(201);
    const across = () => t.http.get(`/availability?date=2027-04-19&appointmentTypeId=${demo.consultation.id}&specialty=Geriatrics`, staff);
    expect(await doctorSlots('2027-04-19', { doctorId: created.body.id })).toHaveLength(3);
    expect((await across()).body.slots).toHaveLength(3);
    expect((await t.http.request('PATCH', `/doctors/${created.body.id}`, { token: admin, body: { active: false } })).status).toBe(200);
    expect(await doctorSlots('2027-04-19', { doctorId: created.body.id })).toEqual([]);
    expect((await across()).body.slots).toEqual([]);
  });

  it('refuses bad input (400), unknown or foreign doctors (404) and unknown references (422)', async () => {
    const type = demo.consultation.id;
    const expectProblem = async (path: string, status: number, field?: string, token = staff) => {
      const reply = await t.http.get(path, token);
      expect({ path, status: reply.status }).toEqual({ path, status });
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      if (field) expect(reply.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    };
    await expectProblem(`/doctors/${demo.weber.id}/availability?date=2027-02-30&appointmentTypeId=${type}`, 400, 'date');
    await expectProblem(`/availability?date=2027-02-30&appointmentTypeId=${type}`, 400, 'date');
    await expectProblem(`/doctors/${demo.weber.id}/availability?date=2027-04-19&appointmentTypeId=${type}&roomId=room-1`, 400, 'roomId');
    await expectProblem(`/doctors/${demo.weber.id}/availability?date=2027-04-19&appointmentTypeId=${type}&colour=blue`, 400, 'colour');
    await expectProblem(`/availability?date=2027-04-19&appointmentTypeId=${type}&specialty=`, 400, 'specialty');
    await expectProblem(`/availability?date=2027-04-19`, 400, 'appointmentTypeId');
    await expectProblem(`/doctors/${randomUUID()}/availability?date=2027-04-19&appointmentTypeId=${type}`, 404);
    await expectProblem(`/doctors/${demo.weber.id}/availability?date=2027-04-19&appointmentTypeId=${type}`, 404, undefined, t.tokenFor({ role: 'doctor', doctorId: demo.richter.id }));
    await expectProblem(`/doctors/${demo.weber.id}/availability?date=2027-04-19&appointmentTypeId=${randomUUID()}`, 422);
    await expectProblem(`/doctors/${demo.weber.id}/availability?date=2027-04-19&appointmentTypeId=${type}&roomId=${randomUUID()}`, 422);
    await expectProblem(`/doctors/${demo.weber.id}/availability?date=2027-04-19&appointmentTypeId=${type}&patientId=${randomUUID()}`, 422);
    await expectProblem(`/availability?date=2027-04-19&appointmentTypeId=${randomUUID()}`, 422);
    await expectProblem(`/availability?date=2027-04-19&appointmentTypeId=${type}`, 403, undefined, t.tokenFor({ role: 'service' }));
  });
});
