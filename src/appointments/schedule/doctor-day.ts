import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { Actor } from '../../shared/auth/actor';
import { RecordNotFound } from '../../shared/application-errors';
import { Doctor } from '../../reference-data/doctors/doctor.entity';

/** The doctor of a schedule or availability query; a doctor sees only their own (404 otherwise). */
export async function doctorFor(db: EntityManager, doctorId: string, actor: Actor): Promise<Doctor> {
  const doctor = actor.role === 'doctor' && actor.doctorId !== doctorId ? null : await db.findOneBy(Doctor, { id: doctorId });
  if (!doctor) throw new RecordNotFound('Doctor', doctorId);
  return doctor;
}

/** A local date in `zone` as the instants it runs between, `[start, next day's start)` (23 or 25 hours on a DST change). */
export function instantsOfDate(date: string, zone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}
