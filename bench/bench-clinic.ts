import { Client } from 'pg';

/**
 * Reference data for conflict-free load: as many doctors as rooms, each doctor always in "their"
 * room, working around the clock in UTC, and patients in a multiple of the doctors' number.
 * Booking number i goes to doctor (and room) i mod D, patient i mod P, in slot floor(i / D) of
 * 15 minutes: no two bookings ever overlap for a doctor, a room or a patient.
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

/** The booking body of booking number `i` (see BenchClinic). */
export function bookingNumber(clinic: BenchClinic, i: number) {
  const doctor = i % clinic.doctorIds.length;
  const start = new Date(clinic.firstSlot.getTime() + Math.floor(i / clinic.doctorIds.length) * SLOT_MINUTES * 60_000);
  return {
    appointmentTypeId: clinic.appointmentTypeId,
    doctorId: clinic.doctorIds[doctor],
    roomId: clinic.roomIds[doctor],
    patientId: clinic.patientIds[i % clinic.patientIds.length],
    start: start.toISOString(),
    title: `Bench booking ${i}`,
  };
}
