import { DataSource } from 'typeorm';
import { AppointmentType } from '../reference-data/appointment-types/appointment-type.entity';
import { Doctor } from '../reference-data/doctors/doctor.entity';
import { Patient } from '../reference-data/patients/patient.entity';
import { Room } from '../reference-data/rooms/room.entity';

/** A record as the seed writes it: version and active are left to the columns' defaults (1, true). */
type Seeded<E> = Omit<E, 'version' | 'active'>;

/** Working hours with the same ranges Monday to Friday and none at the weekend. */
export const weekdays = (ranges: Array<[string, string]>) => ({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });

/**
 * A small family practice in Berlin. Ids are fixed so that tokens for the demo doctors and
 * patients can be made with `npm run token`.
 */
export const DEMO_CLINIC = {
  doctors: [
    {
      id: '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01',
      name: 'Dr. Anna Weber',
      email: 'anna.weber@lindenhof-praxis.example',
      specialty: 'General practice',
      timezone: 'Europe/Berlin',
      workingHours: weekdays([['08:00', '12:00'], ['13:00', '17:00']]),
    },
    {
      id: '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c02',
      name: 'Dr. Jonas Richter',
      email: 'jonas.richter@lindenhof-praxis.example',
      specialty: 'Cardiology',
      timezone: 'Europe/Berlin',
      workingHours: { mon: [['09:00', '13:00']], wed: [['09:00', '13:00'], ['14:00', '18:00']], fri: [['09:00', '13:00']] },
    },
    {
      id: '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c03',
      name: 'Dr. Leila Haddad',
      email: 'leila.haddad@lindenhof-praxis.example',
      specialty: 'Dermatology',
      timezone: 'Europe/Berlin',
      workingHours: { tue: [['10:00', '18:00']], thu: [['10:00', '18:00']], sat: [['09:00', '12:00']] },
    },
  ] satisfies Array<Seeded<Doctor>>,
  patients: [
    { id: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001', name: 'Mia Schneider', email: 'mia.schneider@mail.example', phone: '+49 30 5550101' },
    { id: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800002', name: 'Lukas Fischer', email: 'lukas.fischer@mail.example', phone: null },
    { id: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800003', name: 'Emma Wagner', email: 'emma.wagner@mail.example', phone: '+49 30 5550103' },
    { id: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800004', name: 'Noah Becker', email: 'noah.becker@mail.example', phone: null },
    { id: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800005', name: 'Sofia Hoffmann', email: 'sofia.hoffmann@mail.example', phone: '+49 30 5550105' },
    { id: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800006', name: 'Elias Schulz', email: 'elias.schulz@mail.example', phone: null },
  ] satisfies Array<Seeded<Patient>>,
  rooms: [
    { id: '9c8d7e60-2a3b-4c5d-8e6f-7a8b9c0d0001', name: 'Consultation room 1' },
    { id: '9c8d7e60-2a3b-4c5d-8e6f-7a8b9c0d0002', name: 'Consultation room 2' },
    { id: '9c8d7e60-2a3b-4c5d-8e6f-7a8b9c0d0003', name: 'Treatment room' },
  ] satisfies Array<Seeded<Room>>,
  appointmentTypes: [
    { id: 'b1a2c3d4-0e1f-4a2b-9c3d-4e5f6a7b0001', name: 'Consultation', durationMinutes: 20, bufferBeforeMinutes: 0, bufferAfterMinutes: 5 },
    { id: 'b1a2c3d4-0e1f-4a2b-9c3d-4e5f6a7b0002', name: 'Annual check-up', durationMinutes: 40, bufferBeforeMinutes: 5, bufferAfterMinutes: 10 },
    { id: 'b1a2c3d4-0e1f-4a2b-9c3d-4e5f6a7b0003', name: 'Follow-up', durationMinutes: 15, bufferBeforeMinutes: 0, bufferAfterMinutes: 5 },
    { id: 'b1a2c3d4-0e1f-4a2b-9c3d-4e5f6a7b0004', name: 'Vaccination', durationMinutes: 10, bufferBeforeMinutes: 0, bufferAfterMinutes: 5 },
  ] satisfies Array<Seeded<AppointmentType>>,
};

/** Inserts the demo clinic; records that already exist (same id) are left as they are. */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (db) => {
    for (const [entity, rows] of [
      [Doctor, DEMO_CLINIC.doctors],
      [Patient, DEMO_CLINIC.patients],
      [Room, DEMO_CLINIC.rooms],
      [AppointmentType, DEMO_CLINIC.appointmentTypes],
    ] as const) {
      await db.createQueryBuilder().insert().into(entity).values(rows).orIgnore().execute();
    }
  });
}

/** True when no reference data exists yet (a fresh database). */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(Doctor).count()) === 0;
}
