import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnknownReference } from '../../shared/application-errors';
import { AppointmentType } from '../../reference-data/appointment-types/appointment-type.entity';
import { Doctor } from '../../reference-data/doctors/doctor.entity';
import { Room } from '../../reference-data/rooms/room.entity';
import { AppointmentTypeTerms } from '../domain/appointment-rules';
import { DoctorSchedule } from '../domain/working-hours';

/**
 * Reads the reference data a command depends on; an id that names nothing is a 422 (the
 * request refers to something that does not exist), not a 404 (the URL itself exists).
 */
@Injectable()
export class ReferenceLookup {
  /**
   * Everything a booking refers to, in one round trip; an unknown patient, room, doctor or
   * appointment type is reported in that order.
   */
  async forBooking(
    db: EntityManager,
    ids: { patientId: string; roomId: string; doctorId: string; appointmentTypeId: string },
  ): Promise<{ doctor: DoctorSchedule; appointmentType: AppointmentTypeTerms }> {
    const [found]: Array<{ patient: boolean; room: boolean; doctor: DoctorSchedule | null; appointment_type: AppointmentTypeTerms | null }> = await db.query(
      `select exists (select 1 from patients where id = $1) as patient,
              exists (select 1 from rooms where id = $2) as room,
              (select json_build_object('id', id, 'timezone', timezone, 'workingHours', working_hours) from doctors where id = $3) as doctor,
              (select json_build_object('id', id, 'durationMinutes', duration_minutes, 'bufferBeforeMinutes', buffer_before_minutes,
                 'bufferAfterMinutes', buffer_after_minutes) from appointment_types where id = $4) as appointment_type`,
      [ids.patientId, ids.roomId, ids.doctorId, ids.appointmentTypeId],
    );
    if (!found.patient) throw new UnknownReference('Patient', ids.patientId);
    if (!found.room) throw new UnknownReference('Room', ids.roomId);
    if (!found.doctor) throw new UnknownReference('Doctor', ids.doctorId);
    if (!found.appointment_type) throw new UnknownReference('Appointment type', ids.appointmentTypeId);
    return { doctor: found.doctor, appointmentType: found.appointment_type };
  }

  async doctor(db: EntityManager, id: string): Promise<DoctorSchedule> {
    const doctor = await db.findOneBy(Doctor, { id });
    if (!doctor) throw new UnknownReference('Doctor', id);
    return { id: doctor.id, timezone: doctor.timezone, workingHours: doctor.workingHours };
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
