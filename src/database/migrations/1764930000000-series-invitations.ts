import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The emails of the booking flows: the current shape of each appointment series' calendar
 * invitation, and outbox messages that are about a patient rather than one appointment (a
 * waitlist offer).
 */
export class SeriesInvitations1764930000000 implements MigrationInterface {
  name = 'SeriesInvitations1764930000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per series, kept by the email notifier in the transaction of its checkpoint: its
    // occurrences as they stand and the SEQUENCE of the last invitation sent, so that an update
    // (EXDATE, an override, the end of the series) supersedes the one before; and the commit
    // point of the last event folded in, so that an event delivered again is not folded twice.
    // No free text.
    await db.query(`
      create table series_invitations (
        series_id uuid primary key,
        invitation jsonb not null,
        transaction_id xid8 not null,
        position bigint not null
      )`);
    // A message names the patient it is about, so an erasure finds those of no appointment too.
    await db.query(`alter table email_outbox add column patient_id uuid`);
    await db.query(`alter table email_outbox alter column appointment_id drop not null`);
    await db.query(`create index email_outbox_patient on email_outbox (patient_id) where patient_id is not null`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop index if exists email_outbox_patient`);
    await db.query(`delete from email_outbox where appointment_id is null`);
    await db.query(`alter table email_outbox alter column appointment_id set not null`);
    await db.query(`alter table email_outbox drop column if exists patient_id`);
    await db.query(`drop table if exists series_invitations`);
  }
}
