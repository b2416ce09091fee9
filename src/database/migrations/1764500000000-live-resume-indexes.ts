import { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexesConcurrently, dropIndexesConcurrently, IndexDefinitions } from '../concurrent-indexes';

/**
 * Indexes that let a resuming `/live` client read only the appointment events that concern it,
 * in commit order: by patient, by doctor, and by the doctor an appointment was reassigned away
 * from. Each leads with the party and goes on in commit order `(transaction_id, position)`, so
 * that "this patient's events after that commit point" is one range scan, however long the log.
 * Built concurrently (outside a transaction) so that bookings go on while they are built.
 */
const INDEXES: IndexDefinitions = {
  events_by_patient: `on events ((data->>'patientId'), transaction_id, position) where aggregate_type = 'Appointment'`,
  events_by_doctor: `on events ((data->>'doctorId'), transaction_id, position) where aggregate_type = 'Appointment'`,
  events_by_previous_doctor: `on events ((data->>'previousDoctorId'), transaction_id, position) where event_type = 'AppointmentReassigned'`,
};

export class LiveResumeIndexes1764500000000 implements MigrationInterface {
  name = 'LiveResumeIndexes1764500000000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    await createIndexesConcurrently(db, INDEXES);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropIndexesConcurrently(db, INDEXES);
  }
}
