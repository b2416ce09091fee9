import { HoursAssumed, SqlRead } from '../../event-store/command-commit';
import { RecordRetired, UnknownReference } from '../../shared/application-errors';
import { AppointmentTypeTerms } from '../domain/appointment-rules';
import { DoctorHours } from '../domain/working-hours';

/**
 * SQL for the working hours of the doctor row `doctor` in force on the local date `localDate`
 * (an SQL date expression, in the doctor's zone): the latest change effective on or before that
 * date (doctor_working_hours), else the hours the doctor was created with. Commands,
 * availability and the read side all read the hours through this one rule, the SQL function
 * working_hours_in_force (migration 1764800000000).
 */
export function hoursInForceSql(doctor: string, localDate: string): string {
  return `working_hours_in_force(${doctor}.id, ${localDate})`;
}

/** The hours of doctor `d` in force on the doctor's local date of the instant in the SQL parameter `instant` (such as `$2`). */
function hoursOnLocalDateOf(instant: string): string {
  return hoursInForceSql('d', `(${instant}::timestamptz at time zone d.timezone)::date`);
}

/**
 * A read of reference data a command decides on, for its reads statement: the select-list
 * expression, what its value means (an unknown or retired record refused as below), and the
 * working hours the decision takes from it, which the commit re-checks under the doctor's
 * reservation lock (a change of hours racing the command makes it run again).
 */
export interface ReferenceRead<T> {
  read: SqlRead;
  parse(value: unknown): T;
  hoursAssumed?(value: T): HoursAssumed[];
}

/** The doctor's zone and hours in force on the local date of `$2`, with whether the doctor is active; null for an unknown id `$1`. */
const DOCTOR_READ = `(select json_build_object('id', d.id, 'timezone', d.timezone, 'workingHours', ${hoursOnLocalDateOf('$2')}, 'active', d.active)
   from doctors d where d.id = $1)`;

/**
 * The reference data the appointment commands decide on, as parts of one reads statement (see
 * ReferenceRead). An id that names nothing is a 422 (the request refers to something that does
 * not exist), not a 404 (the URL itself exists). What a command gives something new to (a
 * booking, a reassignment) must be active: a retired record is a 422 too (RecordRetired), while
 * the appointments it already has keep working.
 */
export const referenceReads = {
  /** Everything a booking refers to; an unknown or retired patient, room, doctor or appointment type is reported in that order, the doctor's hours are those in force on the local date of the start. */
  booking(ids: { patientId: string; roomId: string; doctorId: string; appointmentTypeId: string; start: Date }): ReferenceRead<{ doctor: DoctorHours; appointmentType: AppointmentTypeTerms }> {
    type Found<T> = (T & { active: boolean }) | null;
    return {
      read: {
        sql: `(select json_build_object(
                'patient', (select json_build_object('active', active) from patients where id = $1),
                'room', (select json_build_object('active', active) from rooms where id = $2),
                'doctor', (select json_build_object('id', d.id, 'timezone', d.timezone, 'workingHours', ${hoursOnLocalDateOf('$5')}, 'active', d.active) from doctors d where d.id = $3),
                'appointmentType', (select json_build_object('id', id, 'durationMinutes', duration_minutes, 'bufferBeforeMinutes', buffer_before_minutes,
                   'bufferAfterMinutes', buffer_after_minutes, 'active', active) from appointment_types where id = $4)))`,
        params: [ids.patientId, ids.roomId, ids.doctorId, ids.appointmentTypeId, ids.start],
      },
      parse(value) {
        const found = value as { patient: Found<object>; room: Found<object>; doctor: Found<DoctorHours>; appointmentType: Found<AppointmentTypeTerms> };
        activeOrRefused('Patient', ids.patientId, found.patient);
        activeOrRefused('Room', ids.roomId, found.room);
        const doctor = activeOrRefused('Doctor', ids.doctorId, found.doctor);
        const appointmentType = activeOrRefused('Appointment type', ids.appointmentTypeId, found.appointmentType);
        return { doctor, appointmentType };
      },
      hoursAssumed: ({ doctor }) => [{ doctorId: doctor.id, at: ids.start.toISOString(), hours: doctor.workingHours }],
    };
  },

  /**
   * A doctor's zone and the working hours in force on the doctor's local date of `on`. With
   * `forNewWork` (the doctor a reassignment moves an appointment to) a retired doctor is refused;
   * without it (the doctor an appointment already has) a retired one still answers.
   */
  doctor(id: string, on: Date, forNewWork = false): ReferenceRead<DoctorHours> {
    return {
      read: { sql: DOCTOR_READ, params: [id, on] },
      parse(value) {
        const doctor = value as (DoctorHours & { active: boolean }) | null;
        if (!doctor) throw new UnknownReference('Doctor', id);
        if (forNewWork && !doctor.active) throw new RecordRetired('Doctor', id);
        return doctor;
      },
      hoursAssumed: (doctor) => [{ doctorId: doctor.id, at: on.toISOString(), hours: doctor.workingHours }],
    };
  },

  appointmentType(id: string): ReferenceRead<AppointmentTypeTerms> {
    return {
      read: {
        sql: `(select json_build_object('id', id, 'durationMinutes', duration_minutes, 'bufferBeforeMinutes', buffer_before_minutes,
                 'bufferAfterMinutes', buffer_after_minutes) from appointment_types where id = $1)`,
        params: [id],
      },
      parse(value) {
        if (!value) throw new UnknownReference('Appointment type', id);
        return value as AppointmentTypeTerms;
      },
    };
  },

  /** A room that an appointment is moved to: it must exist and be active. */
  room(id: string): ReferenceRead<void> {
    return {
      read: { sql: `(select json_build_object('id', id, 'active', active) from rooms where id = $1)`, params: [id] },
      parse(value) {
        activeOrRefused('Room', id, value as { active: boolean } | null);
      },
    };
  },
};

/** The record when it exists and is active; an unknown or retired one is a 422 naming it. */
function activeOrRefused<T extends { active: boolean }>(what: 'Doctor' | 'Patient' | 'Room' | 'Appointment type', id: string, record: T | null): T {
  if (!record) throw new UnknownReference(what, id);
  if (!record.active) throw new RecordRetired(what, id);
  return record;
}
