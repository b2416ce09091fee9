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

    // The offset from UTC of a zone's clock at an instant.
    await db.query(`
      create function zone_offset(at_instant timestamptz, tz text)
      returns interval language sql stable parallel safe as $$
        select (at_instant at time zone tz) - (at_instant at time zone 'UTC')
      $$`);

    // The instant a wall-clock time of a zone stands for, as luxon finds it: first at the offset
    // guessed (the offset the day started with), then at the offset in force there; a time
    // that does not exist (skipped when the clocks go forward) is taken at the offset before
    // the change, i.e. as the time that much later. A time that occurs twice (01:30 in New York
    // on the first Sunday of November) is so taken at the offset its day started with, where
    // PostgreSQL alone would take its second occurrence (standard time).
    await db.query(`
      create function wall_clock_instant(local_time timestamp, tz text, guess interval)
      returns timestamptz language sql stable parallel safe as $$
        select case when first_offset = guess then first_guess
                    when zone_offset(second_guess, tz) = first_offset then second_guess
                    else (local_time - least(first_offset, zone_offset(second_guess, tz))) at time zone 'UTC' end
        from (select first_guess, first_offset, (local_time - first_offset) at time zone 'UTC' as second_guess
              from (select first_guess, zone_offset(first_guess, tz) as first_offset
                    from (select (local_time - guess) at time zone 'UTC' as first_guess) as guessed) as checked) as corrected
      $$`);

    // Whether [start, end) lies inside one range of a working-hours value on the local day of
    // start in zone tz: the same rule as isWithinWorkingHours (domain/working-hours.ts), for
    // queries over many appointments (needsAttention, the appointments a change leaves out),
    // agreeing with it on the nights the clocks change (test/integration/working-hours-rule.int-spec.ts
    // holds both to the same answers). The day starts at its first instant (found from start's
    // own offset); its ranges are wall-clock times of that day at the day's offset, and 24:00 is
    // the same time of the next day.
    await db.query(`
      create function within_working_hours(hours jsonb, tz text, start_at timestamptz, end_at timestamptz)
      returns boolean language sql stable parallel safe as $$
        select exists (
          select 1
          from (select midnight, (midnight at time zone tz) as local_midnight, zone_offset(midnight, tz) as day_offset
                from (select wall_clock_instant(date_trunc('day', start_at at time zone tz), tz, zone_offset(start_at, tz)) as midnight) as day_start) as day,
               jsonb_array_elements(
                 hours -> (array['mon','tue','wed','thu','fri','sat','sun'])[extract(isodow from local_midnight)::int]) as r(range)
          where wall_clock_instant(local_midnight::date + (r.range->>0)::time, tz, day_offset) <= start_at
            and end_at <= case when r.range->>1 = '24:00' then wall_clock_instant(local_midnight + interval '1 day', tz, day_offset)
                               else wall_clock_instant(local_midnight::date + (r.range->>1)::time, tz, day_offset) end)
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
    await db.query(`drop function if exists within_working_hours(jsonb, text, timestamptz, timestamptz)`);
    await db.query(`drop function if exists wall_clock_instant(timestamp, text, interval)`);
    await db.query(`drop function if exists zone_offset(timestamptz, text)`);
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
