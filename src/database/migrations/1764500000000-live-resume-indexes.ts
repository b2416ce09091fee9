import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that let a resuming `/live` client read only the appointment events that concern it,
 * in commit order: by patient, by doctor, and by the doctor an appointment was reassigned away
 * from. Each leads with the party and goes on in commit order `(transaction_id, position)`, so
 * that "this patient's events after that commit point" is one range scan, however long the log.
 * Built concurrently (outside a transaction) so that bookings go on while they are built.
 */
const INDEXES: Record<string, string> = {
  events_by_patient: `on events ((data->>'patientId'), transaction_id, position) where aggregate_type = 'Appointment'`,
  events_by_doctor: `on events ((data->>'doctorId'), transaction_id, position) where aggregate_type = 'Appointment'`,
  events_by_previous_doctor: `on events ((data->>'previousDoctorId'), transaction_id, position) where event_type = 'AppointmentReassigned'`,
};

export class LiveResumeIndexes1764500000000 implements MigrationInterface {
  name = 'LiveResumeIndexes1764500000000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    for (const [name, definition] of Object.entries(INDEXES)) {
      // A concurrent build that was interrupted leaves an invalid index behind: build it again.
      const [left] = (await db.query(`select not i.indisvalid as invalid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = $1`, [
        name,
      ])) as Array<{ invalid: boolean } | undefined>;
      if (left?.invalid) await db.query(`drop index concurrently ${name}`);
      await db.query(`create index concurrently if not exists ${name} ${definition}`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const name of Object.keys(INDEXES)) await db.query(`drop index concurrently if exists ${name}`);
  }
}
