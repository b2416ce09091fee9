import { MigrationInterface, QueryRunner } from 'typeorm';

const REFERENCE_TABLES = ['doctors', 'patients', 'rooms', 'appointment_types'];

/**
 * Schedules that change: editable, retirable reference records; working hours that take effect
 * from a date; and one reservations table for every kind of occupation (appointments, holds,
 * time off, clinic closures, room blocks) under the same exclusion constraints.
 */
export class Schedules1764600000000 implements MigrationInterface {
  name = 'Schedules1764600000000';

  async up(db: QueryRunner): Promise<void> {
    // A record's version counts its edits (ETag / If-Match); a retired record stays, inactive.
    for (const table of REFERENCE_TABLES) {
      await db.query(`alter table ${table} add column version int not null default 1 check (version > 0),
                        add column active boolean not null default true`);
    }

    // The working hours in force from a local date (the doctor's zone) until the next entry,
    // written in the transaction of the WorkingHoursChanged event. Before the first entry the
    // hours the doctor was created with (doctors.working_hours) are in force.
    await db.query(`
      create table doctor_working_hours (
        doctor_id uuid not null references doctors (id),
        effective_from date not null,
        working_hours jsonb not null,
        primary key (doctor_id, effective_from)
      )`);

    // Every occupation of time is a row here. `kind` says what holds it; a time off holds only
    // its doctor, a room block only its room, a closure every doctor and room: the closure side
    // ('closure' for a closure, 'booking' for an appointment or a hold, null otherwise) makes a
    // closure and a booking that overlap impossible, while closures may overlap each other and
    // blocks of other kinds. `span` is the occupation's own time, `during` adds the buffers.
    await db.query(`alter table reservations rename column appointment_id to reserved_by`);
    await db.query(`alter table reservations
      add column kind text not null default 'appointment'
        check (kind in ('appointment', 'hold', 'time-off', 'closure', 'room-block')),
      add column span tstzrange,
      alter column doctor_id drop not null,
      alter column room_id drop not null,
      alter column patient_id drop not null`);
    await db.query(`update reservations r set span = tstzrange(a.start, a."end", '[)')
                    from appointment_details a where a.id = r.reserved_by`);
    await db.query(`update reservations set span = during where span is null`);
    await db.query(`alter table reservations alter column kind drop default, alter column span set not null`);
    await db.query(`alter table reservations add column closure_side text generated always as (
        case kind when 'closure' then 'closure' when 'appointment' then 'booking' when 'hold' then 'booking' end) stored`);
    await db.query(`alter table reservations add constraint reservations_clinic_open
                    exclude using gist (closure_side with <>, during with &&)`);
    await db.query(`alter table reservations add constraint reservations_holds_something check (
        (kind = 'closure' and doctor_id is null and room_id is null and patient_id is null)
        or (kind = 'time-off' and doctor_id is not null and room_id is null and patient_id is null)
        or (kind = 'room-block' and room_id is not null and doctor_id is null and patient_id is null)
        or (kind in ('appointment', 'hold') and doctor_id is not null and room_id is not null and patient_id is not null))`);

    // Whether [start, end) lies inside one range of a working-hours value on the local day of
    // start in zone tz: the same rule as isWithinWorkingHours (domain/working-hours.ts), for
    // queries over many appointments (needsAttention, the appointments a change leaves out).
    await db.query(`
      create function within_working_hours(hours jsonb, tz text, start_at timestamptz, end_at timestamptz)
      returns boolean language sql stable parallel safe as $$
        select exists (
          select 1 from jsonb_array_elements(
            hours -> (array['mon','tue','wed','thu','fri','sat','sun'])[extract(isodow from start_at at time zone tz)::int]) as r(range)
          where ((start_at at time zone tz)::date + (r.range->>0)::time) at time zone tz <= start_at
            and end_at <= (case when r.range->>1 = '24:00' then (start_at at time zone tz)::date + 1
                                else (start_at at time zone tz)::date + (r.range->>1)::time end) at time zone tz)
      $$`);

    // The read side of schedules: time off, closures and room blocks as the lists and the
    // dashboard show them (projected from the schedule streams).
    await db.query(`
      create table schedule_blocks (
        id uuid primary key,
        kind text not null check (kind in ('time-off', 'closure', 'room-block')),
        doctor_id uuid,
        room_id uuid,
        start timestamptz not null,
        "end" timestamptz not null,
        reason text not null,
        cancelled boolean not null default false,
        version int not null
      )`);
    await db.query(`create index schedule_blocks_by_time on schedule_blocks using gist (tstzrange(start, "end", '[)'))`);

    // Feed tokens of doctors' calendar subscriptions: only a hash is kept; revoked is final.
    await db.query(`
      create table calendar_tokens (
        id uuid primary key,
        doctor_id uuid not null references doctors (id),
        token_hash text not null unique,
        created_at timestamptz not null default now(),
        created_by text not null,
        revoked_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists calendar_tokens`);
    await db.query(`drop table if exists schedule_blocks`);
    await db.query(`drop function if exists within_working_hours`);
    await db.query(`delete from reservations where kind not in ('appointment')`);
    await db.query(`alter table reservations drop constraint reservations_holds_something, drop constraint reservations_clinic_open,
                    drop column closure_side, drop column span, drop column kind`);
    await db.query(`alter table reservations alter column doctor_id set not null, alter column room_id set not null,
                    alter column patient_id set not null`);
    await db.query(`alter table reservations rename column reserved_by to appointment_id`);
    await db.query(`drop table if exists doctor_working_hours`);
    for (const table of REFERENCE_TABLES) await db.query(`alter table ${table} drop column version, drop column active`);
  }
}
