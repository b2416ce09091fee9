import { bookingBody, demo } from '../support/demo';
import { startTestApp, TestApp } from '../support/test-app';

/** Races for one slot over the real HTTP API: PostgreSQL's exclusion constraints decide, whoever asks. */
describe('Slot holds racing over HTTP', () => {
  let t: TestApp;
  let staff: string;

  const holdBody = (start: string, patientId: string) => ({ appointmentTypeId: demo.consultation.id, doctorId: demo.weber.id, patientId, roomId: demo.room1.id, start });
  const patients = [demo.mia.id, demo.lukas.id, demo.emma.id];

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000', DATABASE_POOL_SIZE: '20' } });
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(() => t.close());

  it('gives one slot to exactly one of 50 concurrent holds: one 201, 49 × 409, one reservation', async () => {
    const start = '2027-03-22T09:00:00+01:00';
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => t.http.post('/holds', staff, holdBody(start, patients[i % patients.length]))));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array.from({ length: 49 }, () => 409)]);
    for (const refused of responses.filter((response) => response.status === 409)) expect(refused.body.type).toBe('/problems/slot-taken');
    const rows: Array<{ n: number }> = await t.dataSource.query(`select count(*)::int as n from reservations where kind = 'hold' and lower(span) = $1`, [new Date(start)]);
    expect(rows).toEqual([{ n: 1 }]);
    const held: Array<{ n: number }> = await t.dataSource.query(`select count(*)::int as n from events where event_type = 'SlotHeld'`);
    expect(held).toEqual([{ n: 1 }]);
  });

  it('lets exactly one of a hold and a booking racing for one slot win, round after round', async () => {
    // Dr. Weber works 08:00-12:00 and 13:00-17:00 on weekdays.
    for (const time of ['08:00', '09:00', '10:00', '11:00', '13:00', '14:00']) {
      const start = `2027-03-23T${time}:00+01:00`;
      const [holding, booking] = await Promise.all([
        t.http.post('/holds', staff, holdBody(start, demo.mia.id)),
        t.http.post('/appointments', staff, bookingBody({ start, patientId: demo.lukas.id })),
      ]);
      expect([holding.status, booking.status].sort()).toEqual([201, 409]);
      const rows: Array<{ kind: string }> = await t.dataSource.query(`select kind from reservations where lower(span) = $1`, [new Date(start)]);
      expect(rows).toEqual([{ kind: holding.status === 201 ? 'hold' : 'appointment' }]);
    }
  });
});
