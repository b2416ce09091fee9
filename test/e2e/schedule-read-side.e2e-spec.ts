import { DEMO_CLINIC } from '../../src/database/demo-data';
import { afterWrite, demo } from '../support/demo';
import { HttpResponse } from '../support/http-client';
import { liveClients } from '../support/live-client';
import { startTestApp, TestApp } from '../support/test-app';

const haddad = DEMO_CLINIC.doctors[2];

/**
 * The read side of schedules over HTTP and socket.io: the doctor's day with the hours in force
 * and the blocks over it, and the live `schedule` messages (with a resume). Blocks and working
 * hours are set through their endpoints.
 */
describe('Schedules on the read side', () => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  const clients = liveClients(() => t.baseUrl);

  beforeAll(async () => {
    t = await startTestApp();
    staff = t.tokenFor({ role: 'staff' });
    admin = t.tokenFor({ role: 'admin' });
  });
  afterAll(async () => {
    clients.closeAll();
    await t.close();
  });

  async function scheduled(path: string, body: Record<string, unknown>): Promise<HttpResponse<{ id: string }>> {
    const reply = await t.http.post<{ id: string }>(path, admin, body);
    expect({ path, status: reply.status }).toEqual({ path, status: 201 });
    return reply;
  }
  const cancel = async (path: string) => {
    const reply = await t.http.request('DELETE', path, { token: admin });
    expect({ path, status: reply.status }).toEqual({ path, status: 204 });
    return reply;
  };
  const dayOf = (doctorId: string, date: string, after: HttpResponse, token = staff) => t.http.get(`/doctors/${doctorId}/schedule?date=${date}`, token, afterWrite(after));

  it("answers the doctor's day with their time off and the closures over it, not another doctor's time off nor a room block", async () => {
    // Wednesday 2027-04-07 is CEST (UTC+2).
    const timeOff = await scheduled(`/doctors/${demo.weber.id}/time-off`, { start: '2027-04-07T10:00:00+02:00', end: '2027-04-07T12:00:00+02:00', reason: 'Training' });
    const overnight = await scheduled(`/doctors/${demo.weber.id}/time-off`, { start: '2027-04-06T20:00:00+02:00', end: '2027-04-07T09:00:00+02:00' });
    await scheduled(`/doctors/${demo.richter.id}/time-off`, { start: '2027-04-07T08:00:00+02:00', end: '2027-04-07T12:00:00+02:00', reason: 'Not Weber' });
    await scheduled(`/rooms/${demo.room1.id}/blocks`, { start: '2027-04-07T08:00:00+02:00', end: '2027-04-07T09:00:00+02:00', reason: 'Painting' });
    const closure = await scheduled('/closures', { start: '2027-04-07T13:00:00+02:00', end: '2027-04-07T14:00:00+02:00', reason: 'Staff meeting' });

    const day = await dayOf(demo.weber.id, '2027-04-07', closure);
    expect(day.status).toBe(200);
    expect(day.body.workingHours).toEqual([
      { start: '2027-04-07T06:00:00.000Z', end: '2027-04-07T10:00:00.000Z' },
      { start: '2027-04-07T11:00:00.000Z', end: '2027-04-07T15:00:00.000Z' },
    ]);
    expect(day.body.blocks).toEqual([
      { id: overnight.body.id, kind: 'time-off', start: '2027-04-06T18:00:00.000Z', end: '2027-04-07T07:00:00.000Z', reason: 'time off' },
      { id: timeOff.body.id, kind: 'time-off', start: '2027-04-07T08:00:00.000Z', end: '2027-04-07T10:00:00.000Z', reason: 'Training' },
      { id: closure.body.id, kind: 'closure', start: '2027-04-07T11:00:00.000Z', end: '2027-04-07T12:00:00.000Z', reason: 'Staff meeting' },
    ]);
    // The doctor reads their own day the same way; the time off over midnight is on the day before too.
    const own = await dayOf(demo.weber.id, '2027-04-07', closure, t.tokenFor({ role: 'doctor', doctorId: demo.weber.id }));
    expect(own.body.blocks).toEqual(day.body.blocks);
    expect((await dayOf(demo.weber.id, '2027-04-06', closure)).body.blocks.map((block: { id: string }) => block.id)).toEqual([overnight.body.id]);

    const cancelled = await cancel(`/doctors/${demo.weber.id}/time-off/${timeOff.body.id}`);
    expect((await dayOf(demo.weber.id, '2027-04-07', cancelled)).body.blocks.map((block: { id: string }) => block.id)).toEqual([overnight.body.id, closure.body.id]);
  });

  it('answers the working hours in force on the date: the hours the doctor was created with before a change, the new ones from its date', async () => {
    const changed = await t.http.request('PUT', `/doctors/${haddad.id}/working-hours`, {
      token: admin,
      body: { effectiveFrom: '2027-04-15', workingHours: { thu: [['14:00', '18:00']] } },
    });
    expect(changed.status).toBe(200);
    const before = await dayOf(haddad.id, '2027-04-08', changed);
    const after = await dayOf(haddad.id, '2027-04-15', changed);
    // Thursdays 10:00-18:00 Berlin (CEST) as created; 14:00-18:00 from 2027-04-15.
    expect(before.body.workingHours).toEqual([{ start: '2027-04-08T08:00:00.000Z', end: '2027-04-08T16:00:00.000Z' }]);
    expect(after.body.workingHours).toEqual([{ start: '2027-04-15T12:00:00.000Z', end: '2027-04-15T16:00:00.000Z' }]);
    // Saturdays were working days as created; the change has none, so from then the doctor does not work on them.
    expect((await dayOf(haddad.id, '2027-04-10', changed)).body.workingHours).toEqual([{ start: '2027-04-10T07:00:00.000Z', end: '2027-04-10T10:00:00.000Z' }]);
    expect((await dayOf(haddad.id, '2027-04-17', changed)).body.workingHours).toEqual([]);
  });

  it('pushes schedule changes live: staff all of them, a doctor their own time off and hours and the closures, a patient none', async () => {
    const desk = await clients.connect({ token: staff });
    const weber = await clients.connect({ token: t.tokenFor({ role: 'doctor', doctorId: demo.weber.id }) });
    const richter = await clients.connect({ token: t.tokenFor({ role: 'doctor', doctorId: demo.richter.id }) });
    const mia = await clients.connect({ token: t.tokenFor({ role: 'patient', patientId: demo.mia.id }) });

    const timeOff = await scheduled(`/doctors/${demo.weber.id}/time-off`, { start: '2027-05-03T08:00:00+02:00', end: '2027-05-03T17:00:00+02:00', reason: 'Congress' });
    const roomBlock = await scheduled(`/rooms/${demo.room2.id}/blocks`, { start: '2027-05-04T08:00:00+02:00', end: '2027-05-04T10:00:00+02:00', reason: 'Repairs' });
    const closure = await scheduled('/closures', { start: '2027-05-13T00:00:00+02:00', end: '2027-05-14T00:00:00+02:00', reason: 'Ascension Day' });
    await cancel(`/doctors/${demo.weber.id}/time-off/${timeOff.body.id}`);
    const hours = await t.http.request('PUT', `/doctors/${demo.weber.id}/working-hours`, {
      token: admin,
      body: { effectiveFrom: '2027-06-07', workingHours: { mon: [['08:00', '12:00']] } },
    });
    expect(hours.status).toBe(200);

    await desk.receivedSchedules(5);
    expect(desk.schedules.map((m) => m.eventType)).toEqual(['TimeOffScheduled', 'RoomBlockScheduled', 'ClinicClosureScheduled', 'TimeOffCancelled', 'WorkingHoursChanged']);
    const positions = desk.schedules.map((m) => m.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(desk.schedules[0]).toEqual({
      position: expect.any(Number),
      eventType: 'TimeOffScheduled',
      correlationId: expect.any(String),
      block: { id: timeOff.body.id, kind: 'time-off', doctorId: demo.weber.id, roomId: null, start: '2027-05-03T06:00:00.000Z', end: '2027-05-03T15:00:00.000Z', reason: 'Congress', cancelled: false },
    });
    expect(desk.schedules[1].block).toMatchObject({ id: roomBlock.body.id, kind: 'room-block', roomId: demo.room2.id, doctorId: null });
    expect(desk.schedules[2].block).toMatchObject({ id: closure.body.id, kind: 'closure', reason: 'Ascension Day' });
    // A cancellation names the block as it was scheduled, reason included, now cancelled.
    expect(desk.schedules[3].block).toEqual({ ...desk.schedules[0].block, cancelled: true });
    expect(desk.schedules[4]).toMatchObject({ eventType: 'WorkingHoursChanged', workingHours: { doctorId: demo.weber.id, effectiveFrom: '2027-06-07', workingHours: { mon: [['08:00', '12:00']] } } });
    expect(desk.schedules[4]).not.toHaveProperty('block');

    await weber.receivedSchedules(4);
    expect(weber.schedules.map((m) => m.eventType)).toEqual(['TimeOffScheduled', 'ClinicClosureScheduled', 'TimeOffCancelled', 'WorkingHoursChanged']);
    await richter.receivedSchedules(1);
    // Messages arrive in commit order: once a later booking reaches Richter and Mia, nothing more of the schedule changes is on its way to them.
    const booked = await t.http.post('/appointments', staff, { appointmentTypeId: demo.consultation.id, doctorId: demo.richter.id, patientId: demo.mia.id, roomId: demo.room1.id, start: '2027-05-05T10:00:00+02:00', title: 'Check' });
    expect(booked.status).toBe(201);
    await mia.received(1);
    await richter.received(1);
    expect(richter.schedules.map((m) => m.eventType)).toEqual(['ClinicClosureScheduled']);
    expect(mia.schedules).toEqual([]);
    expect(desk.messages.map((m) => m.eventType)).toEqual(['AppointmentCreated']);
  });

  it('resumes with since past schedule changes: the missed ones, in order, then live ones', async () => {
    const first = await clients.connect({ token: staff });
    const seen = await scheduled(`/doctors/${demo.richter.id}/time-off`, { start: '2027-06-02T08:00:00+02:00', end: '2027-06-02T12:00:00+02:00' });
    await first.receivedSchedules(1);
    const since = first.schedules[0].position;
    first.close();

    const missedClosure = await scheduled('/closures', { start: '2027-06-24T00:00:00+02:00', end: '2027-06-25T00:00:00+02:00', reason: 'Summer party' });
    await cancel(`/doctors/${demo.richter.id}/time-off/${seen.body.id}`);
    const missedBooking = await t.http.post('/appointments', staff, { appointmentTypeId: demo.consultation.id, doctorId: demo.weber.id, patientId: demo.lukas.id, roomId: demo.room1.id, start: '2027-06-01T10:00:00+02:00', title: 'Back pain' });
    expect(missedBooking.status).toBe(201);
    await t.http.get(`/doctors/${demo.weber.id}/schedule?date=2027-06-01`, staff, afterWrite(missedBooking));

    const resumed = await clients.connect({ token: staff, since });
    const doctor = await clients.connect({ token: t.tokenFor({ role: 'doctor', doctorId: demo.richter.id }), since });
    await resumed.receivedSchedules(2);
    await resumed.received(1);
    expect(resumed.schedules.map((m) => [m.eventType, m.block?.id])).toEqual([
      ['ClinicClosureScheduled', missedClosure.body.id],
      ['TimeOffCancelled', seen.body.id],
    ]);
    expect(resumed.schedules[1].block).toMatchObject({ cancelled: true, reason: 'time off' });
    expect(resumed.messages[0].position).toBeGreaterThan(resumed.schedules[1].position);
    await doctor.receivedSchedules(2);
    expect(doctor.schedules.map((m) => m.eventType)).toEqual(['ClinicClosureScheduled', 'TimeOffCancelled']);

    const live = await scheduled(`/rooms/${demo.room1.id}/blocks`, { start: '2027-06-03T08:00:00+02:00', end: '2027-06-03T09:00:00+02:00', reason: 'Cleaning' });
    await resumed.receivedSchedules(3);
    expect(resumed.schedules[2].block?.id).toBe(live.body.id);
    expect(resumed.notices).toEqual([]);
  });
});
