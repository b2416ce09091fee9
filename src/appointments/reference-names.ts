import { EntityManager } from 'typeorm';

export interface ReferenceNames {
  doctor: string | null;
  patient: string | null;
  room: string | null;
  appointmentType: string | null;
}

/** The names shown next to an appointment's ids, read from the reference tables in one query. */
export async function referenceNames(
  db: EntityManager,
  ids: { doctorId: string; patientId: string; roomId: string; appointmentTypeId: string },
): Promise<ReferenceNames> {
  const [names] = await db.query(
    `select (select name from doctors where id = $1) as doctor,
            (select name from patients where id = $2) as patient,
            (select name from rooms where id = $3) as room,
            (select name from appointment_types where id = $4) as "appointmentType"`,
    [ids.doctorId, ids.patientId, ids.roomId, ids.appointmentTypeId],
  );
  return names;
}
