import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { Counter } from 'prom-client';
import { BookAppointmentSeries } from '../../src/appointments/series/booking/book-appointment-series';
import { TooManyFutureBookings } from '../../src/appointments/domain/appointment.errors';
import { Metrics } from '../../src/observability/metrics';
import { bookingBody, demo } from '../support/demo';
import { releasedTogether } from '../support/released-together';
import { startTestApp, TestApp } from '../support/test-app';

/** A weekly series of Dr. Weber's on Mondays at 10:00 Berlin (summer time), in the room and for the patient given. */
const seriesBody = (start: string, patientId: string, roomId: string) => ({
  appointmentTypeId: demo.consultation.id,
  doctorId: demo.weber.id,
  patientId,
  roomId,
  start,
  title: 'Back exercises',
  recurrence: { frequency: 'weekly', count: 3 },
});

describe('Appointment series on real PostgreSQL: all or nothing, and one winner of a race', () => {
  let t: TestApp;
  let staff: string;
  /** Two patients of their own for each round of the race. */
  const racers = Array.from({ length: 10 }, () => randomUUID());

  beforeAll(async () => {
    t = await startTestApp({ env: { PATIENT_MAX_FUTURE_BOOKINGS: '1' } });
    staff = t.tokenFor({ role: 'staff' });
    await t.dataSource.query(
      `insert into patients (id, name, email) select id, 'Series racer ' || n, 'series-racer' || n || '@mail.example' from unnest($1::uuid[]) with ordinality as p(id, n)`,
      [racers],
    );
  });
  afterAll(() => t.close());

  const counts = async () =>
    (
      await t.dataSource.query(`select
        (select count(*)::int from events) as events,
        (select count(*)::int from reservations) as reservations,
        (select count(*)::int from idempotency_keys) as keys`)
    )[0] as { events: number; reservations: number; keys: number };

  /** events_appended_total by event type, as counted so far. */
  const appendedCounts = async (): Promise<Map<string, number>> => {
    const { values } = await (t.app.get(Metrics).registry.getSingleMetric('events_appended_total') as Counter).get();
    return new Map(values.map(({ labels, value }) => [String(labels.event_type), value]));
  };

  it('rolls every occurrence back when the series fails after they were written: no event, no reservation, no key, none counted', async () => {
    const single = await t.http.post('/appointments', staff, bookingBody({ patientId: demo.emma.id, start: '2027-05-03T08:00:00+02:00' }));
    expect(single.status).toBe(201);
    const before = await counts();
    const countedBefore = await appendedCounts();
    // Emma is at the limit (1): the series is refused by the limit counted after its three occurrences are booked in its transaction.
    const options = {
      commandId: randomUUID(),
      context: { actor: { userId: 'staff-user', role: 'staff' as const }, requestId: 'series-int', correlationId: 'series-int' },
      idempotency: { key: 'limit-rollback', fingerprint: 'f' },
    };
    const request = { ...seriesBody('', demo.emma.id, demo.room2.id), start: new Date('2027-05-10T10:00:00+02:00'), recurrence: { frequency: 'weekly' as const, interval: 1, count: 3, until: null } };
    await expect(t.app.get(CommandBus).execute(new BookAppointmentSeries(randomUUID(), request, options))).rejects.toBeInstanceOf(TooManyFutureBookings);
    expect(await counts()).toEqual(before);
    expect(await appendedCounts()).toEqual(countedBefore);
  });

  it('lets exactly one of two series racing for overlapping slots win, round after round; the loser lists the winner’s occurrences and writes nothing', async () => {
    const countedBefore = await appendedCounts();
    const rounds = ['2027-06-07', '2027-07-05', '2027-08-02', '2027-09-06', '2027-10-04'];
    for (const [round, day] of rounds.entries()) {
      const nextWeek = new Date(Date.parse(`${day}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
      const pair = racers.slice(2 * round, 2 * round + 2);
      const responses = await releasedTogether([
        () => t.http.post('/appointment-series', staff, seriesBody(`${day}T10:00:00+02:00`, pair[0], demo.room1.id)),
        () => t.http.post('/appointment-series', staff, seriesBody(`${nextWeek}T10:00:00+02:00`, pair[1], demo.room2.id)),
      ]);
      const statuses = responses.map(({ status }) => status).sort();
      expect({ round, statuses }).toEqual({ round, statuses: [201, 409] });
      const [winner] = responses.filter(({ status }) => status === 201);
      const [loser] = responses.filter(({ status }) => status === 409);
      expect(loser.body.type).toBe('/problems/series-occurrences-taken');
      expect(loser.body.conflicts).toHaveLength(2);
      for (const conflict of loser.body.conflicts) expect(conflict).toMatchObject({ blockedBy: 'doctor', reason: `Doctor ${demo.weber.name} is booked` });
      const [{ booked }] = await t.dataSource.query(`select count(*)::int as booked from reservations where series_id = $1`, [winner.body.id]);
      expect(booked).toBe(3);
      const [{ series, reservations }] = await t.dataSource.query(
        `select (select count(*)::int from events where event_type = 'AppointmentSeriesBooked' and data->>'patientId' = any($1::text[])) as series,
                (select count(*)::int from reservations where patient_id = any($1::uuid[])) as reservations`,
        [pair],
      );
      expect({ series, reservations }).toEqual({ series: 1, reservations: 3 });
    }
    // Counted once committed: the winners' events only.
    const counted = await appendedCounts();
    expect({
      series: (counted.get('AppointmentSeriesBooked') ?? 0) - (countedBefore.get('AppointmentSeriesBooked') ?? 0),
      occurrences: (counted.get('AppointmentCreated') ?? 0) - (countedBefore.get('AppointmentCreated') ?? 0),
    }).toEqual({ series: rounds.length, occurrences: 3 * rounds.length });
  });
});
