import { Client } from 'pg';

/**
 * Reference data for conflict-free load: as many doctors as rooms, each doctor always in "their"
 * room, working around the clock in UTC, and patients in a multiple of the doctors' number.
 * Booking number i goes to doctor (and room) i mod D, patient i mod P, in the free slot
 * floor(i / D) of 15 minutes (the blocked hour of each day skipped): no two bookings ever overlap
 * for a doctor, a room or a patient, nor meet a block.
 */
export interface BenchClinic {
  doctorIds: string[];
  roomIds: string[];
  patientIds: string[];
  appointmentTypeId: string;
  /** Start of slot 0: midnight UTC, two days from now. */
  firstSlot: Date;
}

export const SLOT_MINUTES = 15;
const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;
/** 12:00-13:00 UTC every day: the hour of the schedule blocks, never booked by the bench. */
const BLOCKED_HOUR = { from: 48, slots: 60 / SLOT_MINUTES };
const FREE_SLOTS_PER_DAY = SLOTS_PER_DAY - BLOCKED_HOUR.slots;
const DAY_MS = 86_400_000;

export async function createBenchClinic(url: string, sizes: { doctors: number; patientsPerDoctor: number }): Promise<BenchClinic> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const allDay = JSON.stringify(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]])));
    const ids = async (sql: string, params: unknown[]) => (await db.query<{ id: string }>(sql, params)).rows.map((row) => row.id);
    const doctorIds = await ids(
      `insert into doctors (name, email, specialty, timezone, working_hours)
       select 'Dr. Bench ' || n, 'doctor' || n || '@bench.example', 'General practice', 'UTC', $2::jsonb
       from generate_series(1, $1) as n order by n returning id`,
      [sizes.doctors, allDay],
    );
    const roomIds = await ids(`insert into rooms (name) select 'Room ' || n from generate_series(1, $1) as n order by n returning id`, [sizes.doctors]);
    const patientIds = await ids(
      `insert into patients (name, email) select 'Patient ' || n, 'patient' || n || '@bench.example'
       from generate_series(1, $1) as n order by n returning id`,
      [sizes.doctors * sizes.patientsPerDoctor],
    );
    const [appointmentTypeId] = await ids(
      `insert into appointment_types (name, duration_minutes, buffer_before_minutes, buffer_after_minutes)
       values ('Bench consultation', $1, 0, 0) returning id`,
      [SLOT_MINUTES],
    );
    const firstSlot = new Date();
    firstSlot.setUTCHours(0, 0, 0, 0);
    firstSlot.setUTCDate(firstSlot.getUTCDate() + 2);
    return { doctorIds, roomIds, patientIds, appointmentTypeId, firstSlot };
  } finally {
    await db.end();
  }
}

/** The start of a doctor's n-th free slot, counted from the first slot and skipping the blocked hours. */
function freeSlotStart(clinic: BenchClinic, n: number): Date {
  const day = Math.floor(n / FREE_SLOTS_PER_DAY);
  const inDay = n % FREE_SLOTS_PER_DAY;
  const slot = inDay < BLOCKED_HOUR.from ? inDay : inDay + BLOCKED_HOUR.slots;
  return new Date(clinic.firstSlot.getTime() + day * DAY_MS + slot * SLOT_MINUTES * 60_000);
}

/** How many days `bookings` bookings of the bench clinic spread over. */
export function daysOfBookings(clinic: BenchClinic, bookings: number): number {
  return Math.ceil(bookings / clinic.doctorIds.length / FREE_SLOTS_PER_DAY);
}

/** The booking body of booking number `i` (see BenchClinic). */
export function bookingNumber(clinic: BenchClinic, i: number) {
  const doctor = i % clinic.doctorIds.length;
  const start = freeSlotStart(clinic, Math.floor(i / clinic.doctorIds.length));
  return {
    appointmentTypeId: clinic.appointmentTypeId,
    doctorId: clinic.doctorIds[doctor],
    roomId: clinic.roomIds[doctor],
    patientId: clinic.patientIds[i % clinic.patientIds.length],
    start: start.toISOString(),
    title: `Bench booking ${i}`,
  };
}

/** What the schedule blocks of the bench clinic added to the reservations table. */
export interface BenchBlocks {
  timeOff: number;
  roomBlocks: number;
  closures: number;
}

/**
 * Schedule blocks, so that a booking meets a reservations table (and exclusion constraints) that
 * holds blocks as well as appointments: on each of the first `days` days of bookings, in the
 * blocked hour, time off for every even-numbered doctor and a block of every odd-numbered room;
 * and one whole day of clinic closure, the day before the first slot. None of them is in the way
 * of a bench booking. Written through the API (an admin's requests), as a clinic would.
 */
export async function scheduleBenchBlocks(baseUrl: string, adminToken: string, clinic: BenchClinic, days: number): Promise<BenchBlocks> {
  const post = async (path: string, body: object) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  };
  const requests: Array<() => Promise<void>> = [];
  const blocks: BenchBlocks = { timeOff: 0, roomBlocks: 0, closures: 1 };
  for (let day = 0; day < days; day++) {
    const start = new Date(clinic.firstSlot.getTime() + day * DAY_MS + BLOCKED_HOUR.from * SLOT_MINUTES * 60_000);
    const hour = { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
    clinic.doctorIds.forEach((id, n) => {
      if (n % 2 === 0) {
        blocks.timeOff++;
        requests.push(() => post(`/doctors/${id}/time-off`, { ...hour, reason: 'Bench lunch hour' }));
      }
    });
    clinic.roomIds.forEach((id, n) => {
      if (n % 2 === 1) {
        blocks.roomBlocks++;
        requests.push(() => post(`/rooms/${id}/blocks`, { ...hour, reason: 'Bench cleaning' }));
      }
    });
  }
  const closureDay = new Date(clinic.firstSlot.getTime() - DAY_MS);
  requests.push(() => post('/closures', { start: closureDay.toISOString(), end: clinic.firstSlot.toISOString(), reason: 'Bench holiday' }));
  // A few at a time: the setup should not take long, nor race the schedule streams it writes.
  for (let from = 0; from < requests.length; from += 8) await Promise.all(requests.slice(from, from + 8).map((send) => send()));
  return blocks;
}
