import { DEVELOPMENT_JWT_SECRET } from '../../src/config/app-config';
import { signAccessToken } from '../../src/shared/auth/access-token';
import { crashAppProcess, startAppProcess, stopAppProcess, usingAppProcess } from '../support/app-process';
import { demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { processTestDatabase } from '../support/test-database';

describe('The durable timer of a slot hold (real processes)', () => {
  const database = processTestDatabase();
  const staff = signAccessToken({ userId: 'desk', role: 'staff' }, DEVELOPMENT_JWT_SECRET);

  it('releases a hold once after a SIGKILL of the app that placed it: HoldExpired exactly once, the slot free', async () => {
    // A timer longer than the first process lives: it can only fire in the second.
    const crashing = await startAppProcess({ DATABASE_URL: database.url, HOLD_TTL_SECONDS: '3', HOLD_EXPIRY_CHECK_MS: '100' });
    const placed = await new HttpClient(crashing.baseUrl).post('/holds', staff, {
      appointmentTypeId: demo.consultation.id,
      doctorId: demo.weber.id,
      patientId: demo.mia.id,
      roomId: demo.room1.id,
      start: '2027-05-03T09:00:00+02:00',
    });
    expect(placed.status).toBe(201);
    await crashAppProcess(crashing);
    expect((await database.query(`select count(*)::int as count from hold_expiries where hold_id = $1`, [placed.body.id])).rows[0].count).toBe(1);

    await usingAppProcess({ DATABASE_URL: database.url, HOLD_EXPIRY_CHECK_MS: '100' }, async (restarted) => {
      await eventually(async () => expect((await database.query(`select count(*)::int as count from reservations where reserved_by = $1`, [placed.body.id])).rows[0].count).toBe(0), 20_000);
      const events = await database.query(`select event_type from events where aggregate_id = $1 order by version`, [placed.body.id]);
      expect(events.rows.map((row: { event_type: string }) => row.event_type)).toEqual(['SlotHeld', 'HoldExpired']);
      expect((await database.query(`select count(*)::int as count from hold_expiries`)).rows[0].count).toBe(0);
      const booked = await new HttpClient(restarted.baseUrl).post('/appointments', staff, {
        appointmentTypeId: demo.consultation.id,
        doctorId: demo.weber.id,
        patientId: demo.lukas.id,
        roomId: demo.room1.id,
        start: '2027-05-03T09:00:00+02:00',
        title: 'After the hold',
      });
      expect(booked.status).toBe(201);
      await stopAppProcess(restarted);
    });
  });
});
