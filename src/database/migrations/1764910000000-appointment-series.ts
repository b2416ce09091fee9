import { MigrationInterface, QueryRunner } from 'typeorm';

/** The booking limit's count as CommandCommit1764800000000 wrote it: every upcoming appointment of the patient. */
const COUNT_EACH_APPOINTMENT = `select count(*) into upcoming from reservations
          where patient_id = (lim->>'patientId')::uuid and kind = 'appointment' and upper(during) > (lim->>'now')::timestamptz;`;

/** The count from now on: a series with upcoming occurrences counts as one booking. */
const COUNT_SERIES_ONCE = `upcoming := upcoming_bookings((lim->>'patientId')::uuid, (lim->>'now')::timestamptz);`;

/**
 * Recurring series:
 *
 * - `appointment_details.series_id`: the series an appointment is an occurrence of (null when
 *   booked alone), which the details projection fills from AppointmentCreated, with a partial
 *   index for a series' occurrences (`GET /appointment-series/:id`, `GET /appointments?seriesId=`);
 * - `reservations.series_id`: the same on the write side, written with the occurrences'
 *   reservations (a reschedule or reassignment keeps it);
 * - `upcoming_bookings(patient, now)`: the patient's upcoming bookings as the limit
 *   PATIENT_MAX_FUTURE_BOOKINGS counts them, a series once however many occurrences it still
 *   has; `commit_command` counts through it. Only that one statement of the commit function
 *   changes: the rest of its definition is kept as installed.
 */
export class AppointmentSeries1764910000000 implements MigrationInterface {
  name = 'AppointmentSeries1764910000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table appointment_details add column series_id uuid`);
    await db.query(`create index appointment_details_series on appointment_details (series_id, start) where series_id is not null`);
    await db.query(`alter table reservations add column series_id uuid`);
    await db.query(`
      create function upcoming_bookings(patient uuid, after timestamptz) returns int language sql stable as $$
        select count(distinct coalesce(series_id, reserved_by))::int from reservations
        where patient_id = patient and kind = 'appointment' and upper(during) > after
      $$`);
    await replaceInCommitFunction(db, COUNT_EACH_APPOINTMENT, COUNT_SERIES_ONCE);
  }

  async down(db: QueryRunner): Promise<void> {
    await replaceInCommitFunction(db, COUNT_SERIES_ONCE, COUNT_EACH_APPOINTMENT);
    await db.query(`drop function upcoming_bookings(uuid, timestamptz)`);
    await db.query(`alter table reservations drop column series_id`);
    await db.query(`drop index appointment_details_series`);
    await db.query(`alter table appointment_details drop column series_id`);
  }
}

/** Redefines commit_command with one statement of its installed definition replaced; a definition without it is an error, never a silent no-op. */
async function replaceInCommitFunction(db: QueryRunner, statement: string, replacement: string): Promise<void> {
  const [{ definition }] = (await db.query(`select pg_get_functiondef('commit_command(jsonb)'::regprocedure) as definition`)) as Array<{ definition: string }>;
  if (!definition.includes(statement)) throw new Error(`commit_command does not contain the statement to replace: ${statement}`);
  await db.query(definition.replace(statement, replacement));
}
