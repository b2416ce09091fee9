import { MigrationInterface, QueryRunner } from 'typeorm';

/** The integration feed also carries schedule changes, which concern no appointment. */
export class ScheduleIntegrationEvents1764670000000 implements MigrationInterface {
  name = 'ScheduleIntegrationEvents1764670000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table integration_events alter column appointment_id drop not null`);
  }

  /** Going down drops the schedule events from the feed (their positions become gaps) so that every row names an appointment again. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`delete from integration_events where appointment_id is null`);
    await db.query(`alter table integration_events alter column appointment_id set not null`);
  }
}
