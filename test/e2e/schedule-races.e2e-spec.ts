import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { HttpResponse } from '../support/http-client';
import { releasedTogether } from '../support/released-together';
import { startTestApp, TestApp } from '../support/test-app';

const BOOKINGS = 30;
const ROUNDS = 5;
/** Rounds in which one booking of the slot is committed before the race: the bookings' side has won already. */
const SEEDED_ROUNDS = 2;

/** A kind of block racing the bookings of one slot: where it goes and which bookings it stands in the way of. */
interface Contender {
  name: string;
  route: () => string;
  /** The booking body of the i-th racer: all of them into the one slot the block covers. */
  booking: (patientId: string, i: number, start: string) => Record<string, unknown>;
  /** Reservations the block and the bookings could hold in the slot. */
  rows: (start: string) => { sql: string; params: unknown[] };
}

/**
 * The core guarantee: a block and the bookings into its time are decided by PostgreSQL,
 * never by a check-then-insert. Each round releases 30 bookings into one slot and a block over it
 * together, on a Monday of its own (Dr. Weber and Dr. Richter both work Mondays 09:00-12:00).
 */
describe('Blocks racing bookings', () => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  const patients: string[] = [];
  /** One front desk user per racer: each stays far below the rate limit per user. */
  const racers: string[] = [];
  let monday = Date.parse('2027-09-06T00:00:00Z');

  /** 10:00 Berlin (CEST) on the next Monday not used yet. */
  function nextSlot(): { start: string; dayStart: string; dayEnd: string } {
    const day = new Date(monday).toISOString().slice(0, 10);
    monday += 7 * 24 * 60 * 60 * 1000;
    return { start: `${day}T10:00:00+02:00`, dayStart: `${day}T09:30:00+02:00`, dayEnd: `${day}T11:00:00+02:00` };
  }

  beforeAll(async () => {
    t = await startTestApp();
    staff = t.tokenFor({ role: 'staff' });
    admin = t.tokenFor({ role: 'admin' });
    for (let i = 0; i < BOOKINGS; i++) {
      patients.push(randomUUID());
      racers.push(t.tokenFor({ role: 'staff' }));
    }
    await t.dataSource.query(
      `insert into patients (id, name, email) select id, 'Racing patient ' || n, 'racing' || n || '@mail.example'
       from unnest($1::uuid[]) with ordinality as p(id, n)`,
      [patients],
    );
  });
  afterAll(() => t.close());

  const contenders: Contender[] = [
    {
      name: 'a time off of the doctor',
      route: () => `/doctors/${demo.weber.id}/time-off`,
      booking: (patientId, i, start) => bookingBody({ patientId, roomId: [demo.room1.id, demo.room2.id, demo.treatmentRoom.id][i % 3], start }),
      rows: (start) => ({ sql: `doctor_id = $1 and span && tstzrange($2::timestamptz, $2::timestamptz + interval '20 minutes')`, params: [demo.weber.id, start] }),
    },
    {
      name: 'a clinic closure',
      // Two doctors in three rooms: more than one booking can get in before the closure.
      route: () => '/closures',
      booking: (patientId, i, start) =>
        bookingBody({ patientId, doctorId: i % 2 === 0 ? demo.weber.id : demo.richter.id, roomId: [demo.room1.id, demo.room2.id, demo.treatmentRoom.id][i % 3], start }),
      rows: (start) => ({ sql: `span && tstzrange($1::timestamptz, $1::timestamptz + interval '20 minutes')`, params: [start] }),
    },
    {
      name: 'a room block',
      route: () => `/rooms/${demo.room1.id}/blocks`,
      booking: (patientId, i, start) => bookingBody({ patientId, doctorId: i % 2 === 0 ? demo.weber.id : demo.richter.id, roomId: demo.room1.id, start }),
      rows: (start) => ({ sql: `room_id = $1 and span && tstzrange($2::timestamptz, $2::timestamptz + interval '20 minutes')`, params: [demo.room1.id, start] }),
    },
  ];

  /**
   * One round: the block is sent first in even rounds and last in odd ones, so that either side
   * gets ahead; `seeded` books one appointment of the slot (Emma's) before the race starts.
   */
  async function race(contender: Contender, cancelAppointments: boolean, round: number, seeded = false) {
    const { start, dayStart, dayEnd } = nextSlot();
    const before: string[] = [];
    if (seeded) {
      const first = await t.http.post('/appointments', staff, contender.booking(demo.emma.id, 0, start));
      expect(first.status).toBe(201);
      before.push(first.body.id);
    }
    const block = () => t.http.post(contender.route(), admin, { start: dayStart, end: dayEnd, reason: `Race ${contender.name}`, cancelAppointments });
    const bookingRequests = patients.map((patientId, i) => () => t.http.post('/appointments', racers[i], contender.booking(patientId, i, start)));
    const blockFirst = round % 2 === 0;
    const responses = await releasedTogether(blockFirst ? [block, ...bookingRequests] : [...bookingRequests, block]);
    const blocked = blockFirst ? responses[0] : responses[responses.length - 1];
    const bookings = blockFirst ? responses.slice(1) : responses.slice(0, -1);
    for (const refused of bookings.filter((r) => r.status !== 201)) {
      expect({ status: refused.status, type: refused.body.type }).toEqual({ status: 409, type: expect.stringMatching(/^\/problems\/(slot-taken|time-blocked)$/) });
    }
    const booked = [...before, ...bookings.filter((r) => r.status === 201).map((r) => r.body.id as string)].sort();
    const { sql, params } = contender.rows(new Date(start).toISOString());
    const rows: Array<{ reserved_by: string; kind: string }> = await t.dataSource.query(`select reserved_by, kind from reservations where ${sql} order by reserved_by`, params);
    return { blocked, booked, rows };
  }

  const kindOf = (contender: Contender) => (contender.name === 'a clinic closure' ? 'closure' : contender.name === 'a room block' ? 'room-block' : 'time-off');

  describe.each(contenders)('$name', (contender) => {
    it(`either the block or the bookings win, never both (${ROUNDS} rounds of ${BOOKINGS} bookings, ${SEEDED_ROUNDS} after a booking got in first)`, async () => {
      const winners = new Set<string>();
      for (let round = 0; round < ROUNDS + SEEDED_ROUNDS; round++) {
        const { blocked, booked, rows } = await race(contender, false, round, round >= ROUNDS);
        if (blocked.status === 201) {
          winners.add('block');
          expect(booked).toEqual([]);
          expect(rows).toEqual([{ reserved_by: blocked.body.id, kind: kindOf(contender) }]);
        } else {
          winners.add('bookings');
          expect({ status: blocked.status, type: blocked.body.type }).toEqual({ status: 409, type: '/problems/appointments-in-the-way' });
          // The block lists what was in its way when it looked; once it has given up, bookings of
          // other doctors and rooms may still get in (a closure's).
          const conflicts: string[] = blocked.body.conflicts.map((c: { appointmentId: string }) => c.appointmentId);
          expect(conflicts.length).toBeGreaterThan(0);
          expect(booked).toEqual(expect.arrayContaining(conflicts));
          expect(rows.map((row) => row.reserved_by)).toEqual(booked);
          expect(rows.every((row) => row.kind === 'appointment')).toBe(true);
        }
        if (contender.name !== 'a clinic closure') expect(booked.length).toBeLessThanOrEqual(1);
      }
      expect(winners).toContain('bookings');
    });

    it(`with cancelAppointments the block wins and cancels the bookings that got in (${ROUNDS} rounds, ${SEEDED_ROUNDS} after a booking got in first)`, async () => {
      let cancelled = 0;
      for (let round = 0; round < ROUNDS + SEEDED_ROUNDS; round++) {
        const { blocked, booked, rows } = await race(contender, true, round, round >= ROUNDS);
        expect(blocked.status).toBe(201);
        expect([...blocked.body.cancelledAppointmentIds].sort()).toEqual(booked);
        expect(rows.map((row) => row.reserved_by)).toEqual([blocked.body.id]);
        for (const id of booked) {
          const appointment = await t.http.get(`/appointments/${id}`, staff, afterWrite(blocked));
          expect(appointment.body).toMatchObject({ status: 'cancelled', cancellationReason: `Race ${contender.name}` });
        }
        cancelled += booked.length;
      }
      expect(cancelled).toBeGreaterThan(0);
    });
  });

  /**
   * A command on an appointment holds the appointment's stream lock, then asks for the clinic's
   * reservation lock (shared); a block that may cancel appointments holds the clinic's lock alone,
   * then needs the streams of those it cancels. The block tries those locks and gives way when
   * one is busy, so the two never wait for each other (PostgreSQL would break that cycle only
   * after a second, failing one of them).
   */
  describe('a cancelling block and a command on an appointment in its way', () => {
    const RACE_ROUNDS = 5;
    const reason = 'Called in sick';
    /** The events of the appointment's stream and its reservation, as the store has them. */
    async function endState(appointmentId: string) {
      const events: Array<{ event_type: string }> = await t.dataSource.query(`select event_type from events where aggregate_id = $1 order by version`, [appointmentId]);
      const reserved: Array<{ start: Date }> = await t.dataSource.query(`select lower(span) as start from reservations where reserved_by = $1`, [appointmentId]);
      return { types: events.map((event) => event.event_type), reserved };
    }
    const cancellationReasonOf = async (appointmentId: string, written: HttpResponse) =>
      (await t.http.get(`/appointments/${appointmentId}`, staff, afterWrite(written))).body.cancellationReason;
    const timeOffOver = (dayStart: string, dayEnd: string) => () =>
      t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, { start: dayStart, end: dayEnd, reason, cancelAppointments: true });

    it('does not wait for an appointment whose stream a command in flight holds: it gives way (409 concurrent-change), then cancels it once that command is through', async () => {
      const { start, dayStart, dayEnd } = nextSlot();
      const booked = await t.http.post('/appointments', staff, bookingBody({ start }));
      expect(booked.status).toBe(201);
      const streamKey = `appointment:${booked.body.id}`;
      const inFlight = new Client({ connectionString: t.database.url });
      await inFlight.connect();
      try {
        // A reschedule of the appointment in flight: its stream's lock taken, not released yet.
        await inFlight.query('begin');
        await inFlight.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [streamKey]);
        let answered = false;
        const sent = timeOffOver(dayStart, dayEnd)().finally(() => (answered = true));
        const first = await eventually(async () => {
          if (answered) return 'answered';
          const [{ waiting }]: Array<{ waiting: boolean }> = await t.dataSource.query(
            `select exists (select 1 from pg_locks where locktype = 'advisory' and not granted and objsubid = 1
               and ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)) as waiting`,
            [streamKey],
          );
          if (waiting) return 'waits for the appointment holding the clinic';
          throw new Error('the time off has neither answered nor started to wait');
        });
        expect(first).toBe('answered');
        const refused = await sent;
        expect({ status: refused.status, type: refused.body.type }).toEqual({ status: 409, type: '/problems/concurrent-change' });
        expect(refused.body.detail).toContain(booked.body.id);
        expect((await endState(booked.body.id)).types).toEqual(['AppointmentCreated']);
      } finally {
        await inFlight.query('rollback');
        await inFlight.end();
      }
      const scheduled = await timeOffOver(dayStart, dayEnd)();
      expect(scheduled.status).toBe(201);
      expect(scheduled.body.cancelledAppointmentIds).toEqual([booked.body.id]);
    });

    const commands = [
      {
        name: 'a reschedule out of the way',
        send: (id: string, day: string) => t.http.post(`/appointments/${id}/reschedule`, staff, { start: `${day}T11:30:00+02:00` }),
        eventType: 'AppointmentRescheduled',
      },
      {
        name: 'a cancellation',
        send: (id: string) => t.http.post(`/appointments/${id}/cancel`, staff, { reason: 'Patient called' }),
        eventType: 'AppointmentCancelled',
      },
    ];

    it.each(commands)(`and $name released together end consistent, either one first (${RACE_ROUNDS} rounds)`, async ({ send, eventType }) => {
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const { start, dayStart, dayEnd } = nextSlot();
        const day = start.slice(0, 10);
        const booked = await t.http.post('/appointments', staff, bookingBody({ start }));
        expect(booked.status).toBe(201);
        const id = booked.body.id as string;
        const requests = [timeOffOver(dayStart, dayEnd), () => send(id, day)];
        const [blocked, command] = round % 2 === 0 ? await releasedTogether(requests) : (await releasedTogether([...requests].reverse())).reverse();
        const { types, reserved } = await endState(id);

        expect([200, 409, 422]).toContain(command.status);
        if (blocked.status === 201 && blocked.body.cancelledAppointmentIds.includes(id)) {
          // The block went first: the appointment is cancelled with its reason, the command came too late.
          expect(command.status).not.toBe(200);
          expect(types).toEqual(['AppointmentCreated', 'AppointmentCancelled']);
          expect(await cancellationReasonOf(id, blocked)).toBe(reason);
          expect(reserved).toEqual([]);
        } else {
          // The command went first; the block then found nothing in its way, or gave way (409).
          expect(command.status).toBe(200);
          if (blocked.status !== 201) expect({ status: blocked.status, type: blocked.body.type }).toEqual({ status: 409, type: '/problems/concurrent-change' });
          else expect(blocked.body.cancelledAppointmentIds).toEqual([]);
          expect(types).toEqual(['AppointmentCreated', eventType]);
          if (eventType === 'AppointmentCancelled') expect(await cancellationReasonOf(id, command)).toBe('Patient called');
          expect(reserved).toEqual(eventType === 'AppointmentRescheduled' ? [{ start: new Date(`${day}T09:30:00Z`) }] : []);
        }
      }
    });
  });
});
