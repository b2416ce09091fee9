import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnknownReference } from '../../shared/application-errors';
import { AppointmentType } from '../../reference-data/appointment-types/appointment-type.entity';
import { Room } from '../../reference-data/rooms/room.entity';
import { AppointmentTypeTerms } from '../domain/appointment-rules';
import { DoctorHours } from '../domain/working-hours';

/**
 * SQL for the working hours of the doctor row `doctor` in force on the local date `localDate`
 * (an SQL date expression, in the doctor's zone): the latest change effective on or before that
 * date (doctor_working_hours), else the hours the doctor was created with. Bookings and
 * availability read the hours through this one rule.
 */
export function hoursInForceSql(doctor: string, localDate: string): string {
  return `coalesce((select w.working_hours from doctor_working_hours w
   where w.doctor_id = ${doctor}.id and w.effective_from <= ${localDate}
   order by w.effective_from desc limit 1), ${doctor}.working_hours)`;
}

/** The hours of doctor `d` in force on the local date of the instant `$5`. */
const HOURS_ON_DATE = hoursInForceSql('d', '($5::timestamptz at time zone d.timezone)::date');

/**
 * Reads the reference data a command depends on; an id that names nothing is a 422 (the
 * request refers to something that does not exist), not a 404 (the URL itself exists).
 */
@Injectable()
export class ReferenceLookup {
  /**
   * Everything a booking refers to, in one round trip; an unknown patient, room, doctor or
   * appointment type is reported in that order. The doctor's hours are those in force on the
   * local date of `start`.
   */
  async forBooking(
    db: EntityManager,
    ids: { patientId: string; roomId: string; doctorId: string; appointmentTypeId: string; start: Date },
  ): Promise<{ doctor: DoctorHours; appointmentType: AppointmentTypeTerms }> {
    const [found]: Array<{ patient: boolean; room: boolean; doctor: DoctorHours | null; appointment_type: AppointmentTypeTerms | null }> = await db.query(
      `select exists (select 1 from patients where id = $1) as patient,
              exists (select 1 from rooms where id = $2) as room,
              (select json_build_object('id', d.id, 'timezone', d.timezone, 'workingHours', ${HOURS_ON_DATE}) from doctors d where d.id = $3) as doctor,
              (select json_build_object('id', id, 'durationMinutes', duration_minutes, 'bufferBeforeMinutes', buffer_before_minutes,
                 'bufferAfterMinutes', buffer_after_minutes) from appointment_types where id = $4) as appointment_type`,
      [ids.patientId, ids.roomId, ids.doctorId, ids.appointmentTypeId, ids.start],
    );
    if (!found.patient) throw new UnknownReference('Patient', ids.patientId);
    if (!found.room) throw new UnknownReference('Room', ids.roomId);
    if (!found.doctor) throw new UnknownReference('Doctor', ids.doctorId);
    if (!found.appointment_type) throw new UnknownReference('Appointment type', ids.appointmentTypeId);
    return { doctor: found.doctor, appointmentType: found.appointment_type };
  }

  /** A doctor's zone and the working hours in force on the doctor's local date of `on`. */
  async doctor(db: EntityManager, id: string, on: Date): Promise<DoctorHours> {
    const [doctor]: Array<DoctorHours | undefined> = await db.query(
      `select d.id, d.timezone, ${HOURS_ON_DATE.replaceAll('$5', '$2')} as "workingHours" from doctors d where d.id = $1`,
      [id, on],
    );
    if (!doctor) throw new UnknownReference('Doctor', id);
    return doctor;
  }

  async appointmentType(db: EntityManager, id: string): Promise<AppointmentTypeTerms> {
    const type = await db.findOneBy(AppointmentType, { id });
    if (!type) throw new UnknownReference('Appointment type', id);
    return type;
  }

  async assertRoom(db: EntityManager, id: string): Promise<void> {
    if (!(await db.existsBy(Room, { id }))) throw new UnknownReference('Room', id);
  }
}
