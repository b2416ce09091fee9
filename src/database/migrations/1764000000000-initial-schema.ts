import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data, the event store (append-only events, snapshots), the write-side
 * reservations that make double booking impossible, and stored idempotent responses.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`create extension if not exists btree_gist`);

    await db.query(`
      create table doctors (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        email text not null,
        specialty text not null,
        timezone text not null,
        working_hours jsonb not null,
        created_at timestamptz not null default now()
      )`);
    await db.query(`
      create table patients (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        email text not null,
        phone text,
        created_at timestamptz not null default now()
      )`);
    await db.query(`
      create table rooms (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        created_at timestamptz not null default now()
      )`);
    await db.query(`
      create table appointment_types (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        duration_minutes int not null check (duration_minutes > 0),
        buffer_before_minutes int not null default 0 check (buffer_before_minutes >= 0),
        buffer_after_minutes int not null default 0 check (buffer_after_minutes >= 0),
        created_at timestamptz not null default now()
      )`);

    // The event store. position gives the global order of appends; transaction_id lets
    // subscribers read only what no in-flight transaction can still precede.
    await db.query(`
      create table events (
        position bigserial primary key,
        transaction_id xid8 not null default pg_current_xact_id(),
        event_id uuid not null unique,
        aggregate_id uuid not null,
        aggregate_type text not null,
        version int not null check (version > 0),
        event_type text not null,
        schema_version int not null check (schema_version > 0),
        data jsonb not null,
        metadata jsonb not null,
        occurred_at timestamptz not null default now(),
        unique (aggregate_id, version)
      )`);
    await db.query(`create index events_commit_order on events (transaction_id, position)`);
    await db.query(`
      create function events_are_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'the event store is append-only: % on events is not allowed', tg_op
          using errcode = 'insufficient_privilege';
      end
      $$`);
    await db.query(`
      create trigger events_no_update_or_delete before update or delete on events
      for each row execute function events_are_append_only()`);
    await db.query(`
      create trigger events_no_truncate before truncate on events
      for each statement execute function events_are_append_only()`);

    await db.query(`
      create table snapshots (
        aggregate_id uuid not null,
        version int not null,
        schema_version int not null,
        state jsonb not null,
        taken_at timestamptz not null default now(),
        primary key (aggregate_id, version)
      )`);

    // One row per active appointment: the range it occupies, buffers included. The exclusion
    // constraints make two overlapping rows for one doctor, room or patient impossible,
    // whatever the concurrency; rows are written in the transaction of the event append.
    await db.query(`
      create table reservations (
        appointment_id uuid primary key,
        doctor_id uuid not null,
        room_id uuid not null,
        patient_id uuid not null,
        during tstzrange not null check (not isempty(during)),
        constraint reservations_doctor_free exclude using gist (doctor_id with =, during with &&),
        constraint reservations_room_free exclude using gist (room_id with =, during with &&),
        constraint reservations_patient_free exclude using gist (patient_id with =, during with &&)
      )`);

    // Responses of commands sent with an Idempotency-Key, per user, written in the command's
    // own transaction: a key is either unused or bound to exactly one committed outcome.
    await db.query(`
      create table idempotency_keys (
        user_id text not null,
        key text not null,
        request_fingerprint text not null,
        response_status int not null,
        response_body jsonb not null,
        created_at timestamptz not null default now(),
        primary key (user_id, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'reservations', 'snapshots', 'events', 'appointment_types', 'rooms', 'patients', 'doctors']) {
      await db.query(`drop table if exists ${table}`);
    }
    await db.query(`drop function if exists events_are_append_only`);
  }
}
