import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { hoursInForceSql } from '../../appointments/command-execution/reference-reads';
import { AppointmentTypeTerms } from '../../appointments/domain/appointment-rules';
import { DoctorHours } from '../../appointments/domain/working-hours';
import { UnknownReference } from '../../shared/application-errors';
import { ReservedRange } from './availability';

/** A doctor as availability needs them: the hours in force on the date asked for, and whether still active. */
export type AvailableDoctor = DoctorHours & { active: boolean };

/** What a doctor's availability refers to; `bookable` is false when a retired record is named. */
export interface AvailabilityTerms {
  doctor: AvailableDoctor | null;
  appointmentType: AppointmentTypeTerms;
  bookable: boolean;
}

/** The hours of doctor `d` in force on the local date given as `$2`. */
const HOURS_ON_THE_DATE = hoursInForceSql('d', '$2::date');

const APPOINTMENT_TYPE = `json_build_object('id', t.id, 'durationMinutes', t.duration_minutes, 'bufferBeforeMinutes', t.buffer_before_minutes,
  'bufferAfterMinutes', t.buffer_after_minutes, 'active', t.active)`;

/**
 * The reads behind free slots, raw SQL on the write side: the reference records, the working
 * hours in force by date (the rule bookings use, see hoursInForceSql) and the reservations
 * table itself. Availability deliberately reads the reservations rather than a read table: they
 * are exactly what a booking's exclusion constraints will meet, committed with every appointment,
 * hold and block, so a slot offered is not taken by something the read side has not seen yet.
 */
@Injectable()
export class AvailabilityReads {
  /**
   * The doctor (null when unknown), the appointment type, and whether the room and patient named
   * exist, in one round trip; an unknown appointment type, room or patient is a 422.
   */
  async forDoctor(
    db: EntityManager,
    ids: { doctorId: string; date: string; appointmentTypeId: string; roomId?: string; patientId?: string },
  ): Promise<AvailabilityTerms> {
    const [found]: Array<{
      doctor: AvailableDoctor | null;
      appointment_type: (AppointmentTypeTerms & { active: boolean }) | null;
      room_active: boolean | null;
      patient_active: boolean | null;
    }> = await db.query(
      `select (select json_build_object('id', d.id, 'timezone', d.timezone, 'active', d.active, 'workingHours', ${HOURS_ON_THE_DATE})
                 from doctors d where d.id = $1) as doctor,
              (select ${APPOINTMENT_TYPE} from appointment_types t where t.id = $3) as appointment_type,
              (select active from rooms where id = $4) as room_active,
              (select active from patients where id = $5) as patient_active`,
      [ids.doctorId, ids.date, ids.appointmentTypeId, ids.roomId ?? null, ids.patientId ?? null],
    );
    if (!found.appointment_type) throw new UnknownReference('Appointment type', ids.appointmentTypeId);
    if (ids.roomId !== undefined && found.room_active === null) throw new UnknownReference('Room', ids.roomId);
    if (ids.patientId !== undefined && found.patient_active === null) throw new UnknownReference('Patient', ids.patientId);
    const { active, ...appointmentType } = found.appointment_type;
    const bookable = active && found.room_active !== false && found.patient_active !== false && found.doctor?.active === true;
    return { doctor: found.doctor, appointmentType, bookable };
  }

  /** The appointment type (an unknown one is a 422) and whether it may still be booked. */
  async appointmentType(db: EntityManager, id: string): Promise<AppointmentTypeTerms & { active: boolean }> {
    const [found]: Array<{ type: (AppointmentTypeTerms & { active: boolean }) | null } | undefined> = await db.query(
      `select ${APPOINTMENT_TYPE} as type from appointment_types t where t.id = $1`,
      [id],
    );
    if (!found?.type) throw new UnknownReference('Appointment type', id);
    return found.type;
  }

  /**
   * The active doctors (of a specialty, exactly as written, when given; only `onlyDoctorId` when
   * given), each with the hours in force on `date` in their own zone, in id order.
   */
  async activeDoctors(db: EntityManager, filter: { date: string; specialty?: string; onlyDoctorId?: string }): Promise<DoctorHours[]> {
    return db.query(
      `select d.id, d.timezone, ${HOURS_ON_THE_DATE} as "workingHours"
       from doctors d
       where d.active and ($1::text is null or d.specialty = $1) and ($3::uuid is null or d.id = $3)
       order by d.id`,
      [filter.specialty ?? null, filter.date, filter.onlyDoctorId ?? null],
    );
  }

  /**
   * Every reservation overlapping `window` (by its time with buffers, `during`) that can stand in
   * the way of a booking with one of these doctors, this room or this patient: theirs, and every
   * clinic closure. One query for all the doctors.
   */
  async reserved(
    db: EntityManager,
    window: { start: Date; end: Date },
    whose: { doctorIds: readonly string[]; roomId?: string; patientId?: string },
  ): Promise<ReservedRange[]> {
    return db.query(
      `select kind, doctor_id as "doctorId", room_id as "roomId", patient_id as "patientId", lower(during) as start, upper(during) as "end"
       from reservations
       where during && tstzrange($1::timestamptz, $2::timestamptz, '[)')
         and (kind = 'closure' or doctor_id = any($3::uuid[]) or room_id = $4 or patient_id = $5)`,
      [window.start, window.end, whose.doctorIds, whose.roomId ?? null, whose.patientId ?? null],
    );
  }
}
