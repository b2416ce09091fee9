import { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexesConcurrently, dropIndexesConcurrently, IndexDefinitions } from '../concurrent-indexes';

/**
 * Indexes that let a resuming `/live` doctor read the schedule events that concern them in
 * commit order, as LiveResumeIndexes does for appointments: their own schedule stream (time off,
 * working hours) by doctor, and the clinic's closures. Built concurrently (outside a
 * transaction) so that writes go on while they are built.
 */
const INDEXES: IndexDefinitions = {
  events_schedule_by_doctor: `on events ((data->>'doctorId'), transaction_id, position) where aggregate_type = 'DoctorSchedule'`,
  events_closures: `on events (transaction_id, position) where aggregate_type = 'ClinicClosure'`,
};

export class LiveScheduleIndexes1764650000000 implements MigrationInterface {
  name = 'LiveScheduleIndexes1764650000000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    await createIndexesConcurrently(db, INDEXES);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropIndexesConcurrently(db, INDEXES);
  }
}
