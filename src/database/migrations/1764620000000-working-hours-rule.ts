import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SQL working-hours rule made to agree with isWithinWorkingHours (domain/working-hours.ts)
 * on the nights the clocks go back. A wall-clock time that occurs twice that night (01:30 in
 * New York on the first Sunday of November) was taken by PostgreSQL at its second occurrence
 * (standard time), by the TypeScript rule (luxon) at the offset its day started with: a range
 * ending at 01:00 that night ended an hour later in SQL than in a booking's check, so
 * needsAttention and the bookings disagreed. test/integration/working-hours-rule.int-spec.ts
 * holds both to the same answers.
 */
export class WorkingHoursRule1764620000000 implements MigrationInterface {
  name = 'WorkingHoursRule1764620000000';

  async up(db: QueryRunner): Promise<void> {
    // The offset from UTC of a zone's clock at an instant.
    await db.query(`
      create function zone_offset(at_instant timestamptz, tz text)
      returns interval language sql stable parallel safe as $$
        select (at_instant at time zone tz) - (at_instant at time zone 'UTC')
      $$`);

    // The instant a wall-clock time of a zone stands for, as luxon finds it: first at the offset
    // guessed (the offset the day started with), then at the offset in force there; a time
    // that does not exist (skipped when the clocks go forward) is taken at the offset before
    // the change, i.e. as the time that much later.
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
    // start in zone tz. The day starts at its first instant (found from start's own offset);
    // its ranges are wall-clock times of that day at the day's offset, and 24:00 is the same
    // time of the next day.
    await db.query(`
      create or replace function within_working_hours(hours jsonb, tz text, start_at timestamptz, end_at timestamptz)
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
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      create or replace function within_working_hours(hours jsonb, tz text, start_at timestamptz, end_at timestamptz)
      returns boolean language sql stable parallel safe as $$
        select exists (
          select 1 from jsonb_array_elements(
            hours -> (array['mon','tue','wed','thu','fri','sat','sun'])[extract(isodow from start_at at time zone tz)::int]) as r(range)
          where ((start_at at time zone tz)::date + (r.range->>0)::time) at time zone tz <= start_at
            and end_at <= (case when r.range->>1 = '24:00' then (start_at at time zone tz)::date + 1
                                else (start_at at time zone tz)::date + (r.range->>1)::time end) at time zone tz)
      $$`);
    await db.query(`drop function wall_clock_instant(timestamp, text, interval)`);
    await db.query(`drop function zone_offset(timestamptz, text)`);
  }
}
