import { randomUUID } from 'node:crypto';
import { bookingBody, demo } from '../support/demo';
import { releasedTogether } from '../support/released-together';
import { startTestApp, TestApp } from '../support/test-app';

describe('No double booking under concurrency', () => {
  let t: TestApp;
  let staff: string;
  const patients: string[] = [];
  let noBuffers: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = t.tokenFor({ role: 'staff' });
    for (let i = 0; i < 50; i++) patients.push(randomUUID());
    await t.dataSource.query(
      `insert into patients (id, name, email) select id, 'Race patient ' || n, 'race' || n || '@mail.example'
       from unnest($1::uuid[]) with ordinality as p(id, n)`,
      [patients],
    );
    const type = await t.http.post('/appointment-types', t.tokenFor({ role: 'admin' }), { name: 'Race slot', durationMinutes: 30 });
    noBuffers = type.body.id;
  });
  afterAll(() => t.close());

  it('50 bookings of one doctor slot: one 201, 49 409, one reservation, one AppointmentCreated', async () => {
    const responses = await releasedTogether(
      patients.map((patientId, i) => () =>
        t.http.post('/appointments', staff, bookingBody({ patientId, roomId: i % 2 === 0 ? demo.room1.id : demo.room2.id, start: '2027-03-22T10:00:00+01:00' })),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const conflict of responses.filter((r) => r.status === 409)) {
      expect(conflict.body.detail).toMatch(/^(Doctor|Room) /);
    }
    const [{ reservations }] = await t.dataSource.query(
      `select count(*)::int as reservations from reservations where doctor_id = $1 and during && tstzrange('2027-03-22T09:00Z', '2027-03-22T10:00Z')`,
      [demo.weber.id],
    );
    expect(reservations).toBe(1);
    const [{ created }] = await t.dataSource.query(
      `select count(*)::int as created from events where event_type = 'AppointmentCreated' and data->>'start' = '2027-03-22T09:00:00.000Z'`,
    );
    expect(created).toBe(1);
  });

  it('overlapping ranges of different lengths: the accepted set never overlaps', async () => {
    // Dr. Weber works 08:00-12:00 Berlin: 30 requests of 10 to 60 minutes at 10-minute steps.
    const wanted = Array.from({ length: 30 }, (_, i) => {
      const start = Date.parse('2027-03-23T07:00:00Z') + ((i * 7) % 18) * 10 * 60_000;
      const minutes = 10 + ((i * 13) % 6) * 10;
      return { start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString() };
    });
    const responses = await releasedTogether(
      wanted.map((slot, i) => () =>
        t.http.post('/appointments', staff, bookingBody({ appointmentTypeId: noBuffers, patientId: patients[i], roomId: demo.room1.id, ...slot })),
      ),
    );
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const accepted = responses.filter((r) => r.status === 201).map((r) => ({ start: Date.parse(r.body.start), end: Date.parse(r.body.end) }));
    expect(accepted.length).toBeGreaterThan(0);
    for (const a of accepted) {
      for (const b of accepted) {
        if (a !== b) expect(a.start < b.end && b.start < a.end).toBe(false);
      }
    }
    // Every refused request really did overlap an accepted one.
    wanted.forEach((slot, i) => {
      if (responses[i].status !== 409) return;
      const [start, end] = [Date.parse(slot.start), Date.parse(slot.end)];
      expect(accepted.some((a) => start < a.end && a.start < end)).toBe(true);
    });
  });

  it('accepts an adjacent slot: ranges are half-open', async () => {
    const first = await t.http.post('/appointments', staff, bookingBody({ appointmentTypeId: noBuffers, patientId: patients[0], start: '2027-03-24T13:00:00+01:00' }));
    const next = await t.http.post('/appointments', staff, bookingBody({ appointmentTypeId: noBuffers, patientId: patients[1], start: '2027-03-24T13:30:00+01:00' }));
    expect([first.status, next.status]).toEqual([201, 201]);
  });

  it('20 reschedules with the same If-Match: one 200, the rest 412, versions contiguous', async () => {
    const { body: booked } = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-25T09:00:00+01:00' }));
    const responses = await releasedTogether(
      Array.from({ length: 20 }, (_, i) => () =>
        t.http.post(
          `/appointments/${booked.id}/reschedule`,
          staff,
          { start: new Date(Date.parse('2027-03-25T09:00:00Z') + i * 10 * 60_000).toISOString() },
          { 'if-match': '"1"' },
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const versions = (await t.dataSource.query(`select version from events where aggregate_id = $1 order by version`, [booked.id])).map(
      (r: { version: number }) => r.version,
    );
    expect(versions).toEqual([1, 2]);
    const winner = responses.find((r) => r.status === 200)!;
    const [reservation] = await t.dataSource.query(`select lower(during) as start from reservations where reserved_by = $1`, [booked.id]);
    expect(new Date(reservation.start).toISOString()).toBe(winner.body.start);
  });

  it('concurrent changes without If-Match are applied one after the other', async () => {
    const { body: booked } = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-26T09:00:00+01:00' }));
    const responses = await releasedTogether([
      () => t.http.post(`/appointments/${booked.id}/reassign`, staff, { roomId: demo.room2.id, comment: 'Room 1 flooded' }),
      () => t.http.post(`/appointments/${booked.id}/reschedule`, staff, { start: '2027-03-26T10:00:00+01:00' }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const lastPosition = Math.max(...responses.map((r) => Number(r.headers.get('x-event-position'))));
    const final = await t.http.get(`/appointments/${booked.id}?minPosition=${lastPosition}`, staff);
    expect(final.body).toMatchObject({ version: 3, roomId: demo.room2.id, start: '2027-03-26T09:00:00.000Z' });
  });
});
