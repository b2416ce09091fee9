import { randomUUID } from 'node:crypto';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { HttpResponse } from '../support/http-client';
import { startTestApp, TestApp } from '../support/test-app';

/** Starts every request at the same moment, behind one barrier, and waits for all of them. */
async function releasedTogether(requests: Array<() => Promise<HttpResponse>>): Promise<HttpResponse[]> {
  let release!: () => void;
  const barrier = new Promise<void>((resolve) => (release = resolve));
  const running = requests.map(async (send) => {
    await barrier;
    return send();
  });
  release();
  return Promise.all(running);
}

const BOOKINGS = 30;
const ROUNDS = 5;

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

  /** One round: the block is sent first in even rounds and last in odd ones, so that either side gets ahead. */
  async function race(contender: Contender, cancelAppointments: boolean, round: number) {
    const { start, dayStart, dayEnd } = nextSlot();
    const block = () => t.http.post(contender.route(), admin, { start: dayStart, end: dayEnd, reason: `Race ${contender.name}`, cancelAppointments });
    const bookingRequests = patients.map((patientId, i) => () => t.http.post('/appointments', racers[i], contender.booking(patientId, i, start)));
    const blockFirst = round % 2 === 0;
    const responses = await releasedTogether(blockFirst ? [block, ...bookingRequests] : [...bookingRequests, block]);
    const blocked = blockFirst ? responses[0] : responses[responses.length - 1];
    const bookings = blockFirst ? responses.slice(1) : responses.slice(0, -1);
    for (const refused of bookings.filter((r) => r.status !== 201)) {
      expect({ status: refused.status, type: refused.body.type }).toEqual({ status: 409, type: expect.stringMatching(/^\/problems\/(slot-taken|time-blocked)$/) });
    }
    const booked = bookings.filter((r) => r.status === 201).map((r) => r.body.id as string);
    const { sql, params } = contender.rows(new Date(start).toISOString());
    const rows: Array<{ reserved_by: string; kind: string }> = await t.dataSource.query(`select reserved_by, kind from reservations where ${sql} order by reserved_by`, params);
    return { blocked, booked, rows };
  }

  describe.each(contenders)('$name', (contender) => {
    it(`either the block or the bookings win, never both (${ROUNDS} rounds of ${BOOKINGS} bookings)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { blocked, booked, rows } = await race(contender, false, round);
        if (blocked.status === 201) {
          expect(booked).toEqual([]);
          expect(rows).toEqual([{ reserved_by: blocked.body.id, kind: contender.name === 'a clinic closure' ? 'closure' : contender.name === 'a room block' ? 'room-block' : 'time-off' }]);
        } else {
          expect({ status: blocked.status, type: blocked.body.type }).toEqual({ status: 409, type: '/problems/appointments-in-the-way' });
          expect(booked.length).toBeGreaterThan(0);
          expect(blocked.body.conflicts.map((c: { appointmentId: string }) => c.appointmentId).sort()).toEqual([...booked].sort());
          expect(rows.map((row) => row.reserved_by)).toEqual([...booked].sort());
          expect(rows.every((row) => row.kind === 'appointment')).toBe(true);
        }
        if (contender.name !== 'a clinic closure') expect(booked.length).toBeLessThanOrEqual(1);
      }
    });

    it(`with cancelAppointments the block wins and cancels the bookings that got in (${ROUNDS} rounds)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { blocked, booked, rows } = await race(contender, true, round);
        expect(blocked.status).toBe(201);
        expect([...blocked.body.cancelledAppointmentIds].sort()).toEqual([...booked].sort());
        expect(rows.map((row) => row.reserved_by)).toEqual([blocked.body.id]);
        for (const id of booked) {
          const appointment = await t.http.get(`/appointments/${id}`, staff, afterWrite(blocked));
          expect(appointment.body).toMatchObject({ status: 'cancelled', cancellationReason: `Race ${contender.name}` });
        }
      }
    });
  });
});
