import { Counter } from 'prom-client';
import { HoldExpiryDispatcher } from '../../src/appointments/holds/expiring/hold-expiry-dispatcher';
import { Metrics } from '../../src/observability/metrics';
import { demo } from '../support/demo';
import { startTestApp, TestApp } from '../support/test-app';

/** Holds are placed at 08:00 for HOLD_TTL_SECONDS (600): the first ones are due from 08:10. */
const PLACED_AT = '2027-03-01T08:00:00Z';
const RUN_OUT = '2027-03-01T08:10:00Z';

/** Dr. Weber's weekday mornings of 22 to 26 March 2027, four slots a day: 20 slots for Mia in room 1. */
const SLOTS = ['22', '23', '24', '25', '26'].flatMap((day) => ['09:00', '09:30', '10:00', '10:30'].map((time) => `2027-03-${day}T${time}:00+01:00`));

describe('Hold expiry on two instances, on one database (their dispatchers driven by the test)', () => {
  let first: TestApp;
  let second: TestApp;
  let staff: string;
  let admin: string;

  const hold = (start: string) =>
    first.http.post('/holds', staff, { appointmentTypeId: demo.consultation.id, doctorId: demo.weber.id, patientId: demo.mia.id, roomId: demo.room1.id, start });
  const typesOf = async (holdId: string): Promise<string[]> =>
    (await first.dataSource.query(`select event_type from events where aggregate_id = $1 order by version`, [holdId])).map((row: { event_type: string }) => row.event_type);
  const timersOf = async (holdIds: string[]): Promise<number> =>
    (await first.dataSource.query(`select count(*)::int as n from hold_expiries where hold_id = any($1::uuid[])`, [holdIds]))[0].n;

  /** A counter of both instances summed, by the label given: `{ "<label value>": count }`. */
  async function counted(name: string, label: string): Promise<Record<string, number>> {
    const sums: Record<string, number> = {};
    for (const instance of [first, second]) {
      const { values } = await (instance.app.get(Metrics).registry.getSingleMetric(name) as Counter).get();
      for (const { labels, value } of values) {
        const key = String(labels[label]) + (name === 'appointment_commands_total' ? ` ${labels.outcome}` : '');
        sums[key] = (sums[key] ?? 0) + value;
      }
    }
    return sums;
  }
  const increase = (before: Record<string, number>, after: Record<string, number>, key: string) => (after[key] ?? 0) - (before[key] ?? 0);

  const setClocks = (now: string) => [first, second].forEach((instance) => instance.clock.set(now));

  beforeAll(async () => {
    // No loop of their own: each dispatcher runs a round only when the test asks it to.
    first = await startTestApp({ now: PLACED_AT, env: { RUN_SUBSCRIPTIONS: 'false' } });
    second = await startTestApp({ now: PLACED_AT, env: { RUN_SUBSCRIPTIONS: 'false' }, database: first.database, seed: false });
    staff = first.tokenFor({ role: 'staff' });
    admin = first.tokenFor({ role: 'admin' });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('shows a hold whose time has run out as expired before its timer fires; a block over it then expires it, answering a position past its HoldExpired', async () => {
    const start = '2027-03-29T09:00:00+02:00';
    const placed = await hold(start);
    expect(placed.status).toBe(201);
    const { id } = placed.body;
    setClocks(RUN_OUT);

    const shown = await first.http.get(`/holds/${id}`, staff);
    expect(shown.body).toMatchObject({ id, status: 'expired', expiresAt: '2027-03-01T08:10:00.000Z' });
    // The timer has not fired: the stream still says held, and the timer is there.
    expect(await typesOf(id)).toEqual(['SlotHeld']);
    expect(await timersOf([id])).toBe(1);

    const before = await counted('events_appended_total', 'event_type');
    const scheduled = await first.http.post(`/doctors/${demo.weber.id}/time-off`, admin, {
      start: '2027-03-29T00:00:00+02:00',
      end: '2027-03-30T00:00:00+02:00',
      reason: 'Sick leave',
      cancelAppointments: true,
    });
    expect(scheduled.status).toBe(201);
    expect(await typesOf(id)).toEqual(['SlotHeld', 'HoldExpired']);
    const [{ position }] = await first.dataSource.query(`select position::int as position from events where aggregate_id = $1 and event_type = 'HoldExpired'`, [id]);
    expect(Number(scheduled.headers.get('x-event-position'))).toBeGreaterThanOrEqual(position);
    const after = await counted('events_appended_total', 'event_type');
    expect({ expired: increase(before, after, 'HoldExpired'), released: increase(before, after, 'HoldReleased'), timeOff: increase(before, after, 'TimeOffScheduled') }).toEqual({
      expired: 1,
      released: 0,
      timeOff: 1,
    });
  });

  it('expires each of 20 due holds exactly once when both instances fire their timers at the same time', async () => {
    const placedAt = new Date(Date.parse(RUN_OUT)).toISOString();
    setClocks(placedAt);
    const ids: string[] = [];
    for (const start of SLOTS) {
      const placed = await hold(start);
      expect(placed.status).toBe(201);
      ids.push(placed.body.id);
    }
    const commandsBefore = await counted('appointment_commands_total', 'command');
    const appendedBefore = await counted('events_appended_total', 'event_type');
    setClocks(new Date(Date.parse(placedAt) + 600_000).toISOString());

    // Two rounds on each instance at once, all four over the same 20 due timers.
    const dispatchers = [first, second].map((instance) => instance.app.get(HoldExpiryDispatcher));
    const expiredByRound = await Promise.all(dispatchers.flatMap((dispatcher) => [dispatcher.expireDue(), dispatcher.expireDue()]));
    expect(expiredByRound.reduce((sum, expired) => sum + expired, 0)).toBe(ids.length);

    const rows: Array<{ id: string; expired: number }> = await first.dataSource.query(
      `select h.id::text as id, (select count(*)::int from events e where e.aggregate_id = h.id and e.event_type = 'HoldExpired') as expired
       from unnest($1::uuid[]) as h(id)`,
      [ids],
    );
    expect(rows.filter((row) => row.expired !== 1)).toEqual([]);
    expect(await timersOf(ids)).toBe(0);
    const [{ reserved }] = await first.dataSource.query(`select count(*)::int as reserved from reservations where reserved_by = any($1::uuid[])`, [ids]);
    expect(reserved).toBe(0);
    expect(increase(commandsBefore, await counted('appointment_commands_total', 'command'), 'expire-hold ok')).toBe(ids.length);
    expect(increase(appendedBefore, await counted('events_appended_total', 'event_type'), 'HoldExpired')).toBe(ids.length);
  });
});
