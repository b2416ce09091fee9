import { EntityManager } from 'typeorm';

export interface ReferenceNames {
  doctor: string | null;
  patient: string | null;
  room: string | null;
  appointmentType: string | null;
}

export interface ReferenceIds {
  doctorId: string;
  patientId: string;
  roomId: string;
  appointmentTypeId: string;
}

/** A doctor or patient as a message is addressed to them. */
export interface Contact {
  name: string;
  email: string;
  /** Doctors only: where their working hours and times are shown. */
  timezone: string | null;
}

/** Names, contacts and doctors' timezones of the records a set of appointments refers to. */
export interface ReferenceDirectory {
  namesOf(ids: ReferenceIds): ReferenceNames;
  /** The doctor's timezone, or UTC for a doctor that no longer exists. */
  timezoneOf(doctorId: string): string;
  contact(kind: 'doctor' | 'patient', id: string): Contact | null;
}

/** Reads the reference records of many appointments in one query (projections read per batch). */
export async function referenceDirectory(
  db: EntityManager,
  appointments: readonly ReferenceIds[],
  moreDoctorIds: readonly string[] = [],
): Promise<ReferenceDirectory> {
  const unique = (pick: (ids: ReferenceIds) => string) => [...new Set(appointments.map(pick))];
  const rows: Array<{ kind: string; id: string; name: string; email: string | null; timezone: string | null }> = await db.query(
    `select 'doctor' as kind, id, name, email, timezone from doctors where id = any($1::uuid[])
     union all select 'patient', id, name, email, null from patients where id = any($2::uuid[])
     union all select 'room', id, name, null, null from rooms where id = any($3::uuid[])
     union all select 'appointmentType', id, name, null, null from appointment_types where id = any($4::uuid[])`,
    [[...unique((a) => a.doctorId), ...moreDoctorIds], unique((a) => a.patientId), unique((a) => a.roomId), unique((a) => a.appointmentTypeId)],
  );
  const found = new Map(rows.map((row) => [`${row.kind}:${row.id}`, row]));
  const name = (kind: string, id: string) => found.get(`${kind}:${id}`)?.name ?? null;
  return {
    namesOf: (ids) => ({
      doctor: name('doctor', ids.doctorId),
      patient: name('patient', ids.patientId),
      room: name('room', ids.roomId),
      appointmentType: name('appointmentType', ids.appointmentTypeId),
    }),
    timezoneOf: (doctorId) => found.get(`doctor:${doctorId}`)?.timezone ?? 'UTC',
    contact: (kind, id) => {
      const row = found.get(`${kind}:${id}`);
      return row ? { name: row.name, email: row.email as string, timezone: row.timezone } : null;
    },
  };
}

/** The names shown next to one appointment's ids. */
export async function referenceNames(db: EntityManager, ids: ReferenceIds): Promise<ReferenceNames> {
  return (await referenceDirectory(db, [ids])).namesOf(ids);
}
