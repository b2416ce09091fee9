import { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexesConcurrently, dropIndexesConcurrently, IndexDefinitions } from '../concurrent-indexes';

/**
 * Indexes that let a resuming `/live` doctor or patient read the hold and waitlist events that
 * concern them in commit order, as LiveResumeIndexes does for appointments: a hold's events by
 * its doctor and by its patient, a waitlist entry's by its patient. Built concurrently (outside
 * a transaction) so that writes go on while they are built.
 */
const INDEXES: IndexDefinitions = {
  events_holds_by_doctor: `on events ((data->>'doctorId'), transaction_id, position) where aggregate_type = 'SlotHold'`,
  events_holds_by_patient: `on events ((data->>'patientId'), transaction_id, position) where aggregate_type = 'SlotHold'`,
  events_waitlist_by_patient: `on events ((data->>'patientId'), transaction_id, position) where aggregate_type = 'WaitlistEntry'`,
};

export class LiveHoldIndexes1764940000000 implements MigrationInterface {
  name = 'LiveHoldIndexes1764940000000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    await createIndexesConcurrently(db, INDEXES);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropIndexesConcurrently(db, INDEXES);
  }
}
