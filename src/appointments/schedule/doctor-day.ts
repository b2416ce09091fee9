import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { Actor } from '../../shared/auth/actor';
import { RecordNotFound } from '../../shared/application-errors';
import { Doctor } from '../../reference-data/doctors/doctor.entity';
import { workingRangesOn } from '../domain/working-hours';

/** The doctor of a schedule or availability query; a doctor sees only their own (404 otherwise). */
export async function doctorFor(db: EntityManager, doctorId: string, actor: Actor): Promise<Doctor> {
  const doctor = actor.role === 'doctor' && actor.doctorId !== doctorId ? null : await db.findOneBy(Doctor, { id: doctorId });
  if (!doctor) throw new RecordNotFound('Doctor', doctorId);
  return doctor;
}

/** The working ranges of a local date as instants. */
export function workingRangesOfDate(doctor: Doctor, date: string): Array<{ start: string; end: string }> {
  return workingRangesOn(doctor, DateTime.fromISO(date, { zone: doctor.timezone })).map((range) => ({
    start: range.start.toUTC().toISO() as string,
    end: range.end.toUTC().toISO() as string,
  }));
}
