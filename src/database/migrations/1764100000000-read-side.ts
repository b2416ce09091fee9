import { MigrationInterface, QueryRunner } from 'typeorm';

/** Durable subscriptions (checkpoints, dead letters) and the read tables of the projections. */
export class ReadSide1764100000000 implements MigrationInterface {
  name = 'ReadSide1764100000000';

  async up(db: QueryRunner): Promise<void> {
    // A subscription has read everything up to (transaction_id, position) in commit order.
    await db.query(`
      create table subscription_checkpoints (
        name text primary key,
        transaction_id xid8 not null default '0',
        position bigint not null default 0,
        status text not null default 'running' check (status in ('running', 'stopped')),
        failed_position bigint,
        failure text,
        updated_at timestamptz not null default now()
      )`);
    await db.query(`
      create table dead_letters (
        id bigserial primary key,
        subscription text not null,
        position bigint not null,
        event_id uuid not null,
        event_type text not null,
        attempts int not null,
        failure text not null,
        parked_at timestamptz not null default now(),
        unique (subscription, event_id)
      )`);
    // Wakes subscribers in every instance when events are committed.
    await db.query(`
      create function events_notify_appended() returns trigger language plpgsql as $$
      begin
        perform pg_notify('events_appended', '');
        return null;
      end
      $$`);
    await db.query(`
      create trigger events_appended after insert on events
      for each statement execute function events_notify_appended()`);

    await db.query(`
      create table appointment_details (
        id uuid primary key,
        status text not null,
        doctor_id uuid not null,
        doctor_name text,
        patient_id uuid not null,
        patient_name text,
        room_id uuid not null,
        room_name text,
        appointment_type_id uuid not null,
        appointment_type_name text,
        start timestamptz not null,
        "end" timestamptz not null,
        buffer_before_minutes int not null,
        buffer_after_minutes int not null,
        title text not null,
        cancellation_reason text,
        version int not null,
        last_position bigint not null,
        history jsonb not null
      )`);
    await db.query(`create index appointment_details_by_start on appointment_details (start, id)`);
    await db.query(`create index appointment_details_by_doctor on appointment_details (doctor_id, start, id)`);
    await db.query(`create index appointment_details_by_patient on appointment_details (patient_id, start, id)`);
    await db.query(`create index appointment_details_by_room on appointment_details (room_id, start, id)`);

    // One row per appointment, filed under its doctor and the doctor's local date.
    await db.query(`
      create table doctor_schedule (
        appointment_id uuid primary key,
        doctor_id uuid not null,
        local_date date not null,
        start timestamptz not null,
        "end" timestamptz not null,
        buffer_before_minutes int not null,
        buffer_after_minutes int not null,
        occupied tstzrange not null,
        status text not null,
        patient_id uuid not null,
        patient_name text,
        room_id uuid not null,
        room_name text,
        appointment_type_id uuid not null,
        appointment_type_name text,
        title text not null,
        version int not null
      )`);
    await db.query(`create index doctor_schedule_by_day on doctor_schedule (doctor_id, local_date, start)`);
    await db.query(`create index doctor_schedule_occupied on doctor_schedule using gist (doctor_id, occupied)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['doctor_schedule', 'appointment_details', 'dead_letters', 'subscription_checkpoints']) {
      await db.query(`drop table if exists ${table}`);
    }
    await db.query(`drop trigger if exists events_appended on events`);
    await db.query(`drop function if exists events_notify_appended`);
  }
}
