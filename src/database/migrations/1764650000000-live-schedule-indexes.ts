import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that let a resuming `/live` doctor read the schedule events that concern them in
 * commit order, as LiveResumeIndexes does for appointments: their own schedule stream (time off,
 * working hours) by doctor, and the clinic's closures. Built concurrently (outside a
 * transaction) so that writes go on while they are built.
 */
const INDEXES: Record<string, string> = {
  events_schedule_by_doctor: `on events ((data->>'doctorId'), transaction_id, position) where aggregate_type = 'DoctorSchedule'`,
  events_closures: `on events (transaction_id, position) where aggregate_type = 'ClinicClosure'`,
};

export class LiveScheduleIndexes1764650000000 implements MigrationInterface {
  name = 'LiveScheduleIndexes1764650000000';
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
