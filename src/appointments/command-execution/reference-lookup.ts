import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Problems } from '../../shared/http/problem';
import { AppointmentType } from '../../reference-data/appointment-types/appointment-type.entity';
import { Doctor } from '../../reference-data/doctors/doctor.entity';
import { Patient } from '../../reference-data/patients/patient.entity';
import { Room } from '../../reference-data/rooms/room.entity';
import { AppointmentTypeTerms } from '../domain/appointment.commands';
import { DoctorSchedule } from '../domain/working-hours';

/**
 * Reads the reference data a command depends on; an id that names nothing is a 422 (the
 * request refers to something that does not exist), not a 404 (the URL itself exists).
 */
@Injectable()
export class ReferenceLookup {
  async doctor(db: EntityManager, id: string): Promise<DoctorSchedule> {
    const doctor = await db.findOneBy(Doctor, { id });
    if (!doctor) throw Problems.unknownReference('Doctor', id);
    return { id: doctor.id, timezone: doctor.timezone, workingHours: doctor.workingHours };
  }

  async appointmentType(db: EntityManager, id: string): Promise<AppointmentTypeTerms> {
    const type = await db.findOneBy(AppointmentType, { id });
    if (!type) throw Problems.unknownReference('Appointment type', id);
    return type;
  }

  async assertPatient(db: EntityManager, id: string): Promise<void> {
    if (!(await db.existsBy(Patient, { id }))) throw Problems.unknownReference('Patient', id);
  }

  async assertRoom(db: EntityManager, id: string): Promise<void> {
    if (!(await db.existsBy(Room, { id }))) throw Problems.unknownReference('Room', id);
  }
}
