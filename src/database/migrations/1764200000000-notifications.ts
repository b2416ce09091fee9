import { MigrationInterface, QueryRunner } from 'typeorm';

/** The email outbox and the reminder schedule. */
export class Notifications1764200000000 implements MigrationInterface {
  name = 'Notifications1764200000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per message to send, written in the transaction of the subscription checkpoint
    // (or of the reminder that is due); `dedupe_key` makes writing it twice a no-op.
    await db.query(`
      create table email_outbox (
        id bigserial primary key,
        dedupe_key text not null unique,
        appointment_id uuid not null,
        recipient text not null,
        subject text not null,
        text_body text not null,
        html_body text not null,
        calendar text,
        correlation_id text,
        status text not null default 'pending' check (status in ('pending', 'sent', 'parked')),
        attempts int not null default 0,
        next_attempt_at timestamptz not null default now(),
        locked_until timestamptz,
        last_error text,
        message_id text not null,
        created_at timestamptz not null default now(),
        sent_at timestamptz
      )`);
    await db.query(`create index email_outbox_due on email_outbox (next_attempt_at, id) where status = 'pending'`);

    // One row per booked appointment: when its reminder is due and whether it went out.
    await db.query(`
      create table reminders (
        appointment_id uuid primary key,
        start timestamptz not null,
        due_at timestamptz not null,
        sent_at timestamptz,
        version int not null
      )`);
    await db.query(`create index reminders_due on reminders (due_at) where sent_at is null`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists reminders`);
    await db.query(`drop table if exists email_outbox`);
  }
}
