import { randomUUID } from 'node:crypto';
import { afterWrite, bookingBody, demo, weekdays } from '../support/demo';
import { releasedTogether } from '../support/released-together';
import { startTestApp, TestApp } from '../support/test-app';

const ORIGINAL_HOURS = weekdays([['08:00', '12:00'], ['13:00', '17:00']]);
const LATER_START = weekdays([['09:00', '17:00']]);

/**
 * A change of working hours racing the bookings it leaves outside: Dr. Weber's 08:00 slots of one
 * week are booked while her hours from that Monday are changed to start at 09:00, all released
 * together. Whatever the order PostgreSQL gives them, every booking that got in is one the change
 * reports outside the new hours, and every later one is refused as outside them: none slips
 * between the change's look at her appointments and its commit.
 */
describe('Working hours changed while bookings race it', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.tokenFor({ role: 'admin' });
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(() => t.close());

  const put = (effectiveFrom: string, workingHours: unknown) =>
    t.http.request('PUT', `/doctors/${demo.weber.id}/working-hours`, { token: admin, body: { effectiveFrom, workingHours } });

  it.each(['2027-05-03', '2027-05-10', '2027-05-17', '2027-05-24', '2027-05-31'])('the week of %s: booked means reported outside, or refused', async (monday) => {
    // Given the hours she was created with, in force from that Monday
    expect((await put(monday, ORIGINAL_HOURS)).status).toBe(200);
    const days = [0, 1, 2, 3, 4].map((offset) => new Date(Date.parse(`${monday}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10));
    const patients = days.map(() => randomUUID());
    await t.dataSource.query(
      `insert into patients (id, name, email) select id, 'Early patient ' || n, 'early' || n || '-' || id || '@mail.example'
       from unnest($1::uuid[]) with ordinality as p(id, n)`,
      [patients],
    );

    // When her 08:00 slots of the week are booked while the later start is put in force
    const [change, ...bookings] = await releasedTogether([
      () => put(monday, LATER_START),
      ...days.map((day, i) => () => t.http.post('/appointments', staff, bookingBody({ patientId: patients[i], start: `${day}T08:00:00+02:00` }))),
    ]);

    // Then the change lists exactly the bookings that got in, and the others were refused
    expect(change.status).toBe(200);
    const got = bookings.filter((reply) => reply.status === 201).map((reply) => reply.body.id as string);
    expect(bookings.filter((reply) => reply.status !== 201).map((reply) => [reply.status, reply.body.type])).toEqual(
      bookings.filter((reply) => reply.status !== 201).map(() => [422, '/problems/outside-working-hours']),
    );
    expect([...(change.body.outsideHours as string[])].sort()).toEqual([...got].sort());
    const attention = await t.http.get(`/appointments?needsAttention=true&doctorId=${demo.weber.id}&limit=100`, staff, afterWrite(change));
    const flagged = new Set((attention.body.items as Array<{ id: string }>).map((item) => item.id));
    expect(got.filter((id) => !flagged.has(id))).toEqual([]);
  });
});
