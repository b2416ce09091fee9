import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';
import { hoursInForceSql } from '../../appointments/command-execution/reference-reads';
import { WorkingHours } from '../../appointments/domain/working-hours';
import { Doctor } from './doctor.entity';

const HOURS_EXAMPLE = { mon: [['09:00', '12:00'], ['13:00', '17:00']] };

/** Working hours planned to take effect on a later date (`PUT /doctors/:id/working-hours`). */
export class UpcomingWorkingHours {
  /** The local date (doctor's zone) from which these hours are in force. */
  @ApiProperty({ format: 'date', example: '2027-04-01' }) effectiveFrom: string;
  @ApiProperty({ example: HOURS_EXAMPLE }) workingHours: WorkingHours;
}

/**
 * A doctor as the API answers: `workingHours` are the hours in force today in the doctor's
 * zone, `upcomingWorkingHours` the changes planned after today, in date order. Named Doctor in
 * the OpenAPI document: it is the doctor of the API (the entity is its storage).
 */
@ApiSchema({ name: 'Doctor' })
export class DoctorRecord extends Doctor {
  @ApiProperty({ example: HOURS_EXAMPLE, description: 'Wall-clock ranges per weekday in the doctor timezone, as in force today' })
  declare workingHours: WorkingHours;

  @ApiProperty({ type: [UpcomingWorkingHours] })
  upcomingWorkingHours: UpcomingWorkingHours[];
}

/**
 * The hours of each doctor in force on `now`'s date in the doctor's zone, and those planned
 * after it, in one query. Raw SQL rather than TypeORM: the rule is the SQL bookings check
 * against (hoursInForceSql), so that a doctor reads as in force exactly what bookings meet. The
 * zone is the record's own, so that an edit answers with the hours of the zone it set.
 */
export async function withHoursInForce(db: EntityManager, doctors: Doctor[], now: Date): Promise<DoctorRecord[]> {
  if (doctors.length === 0) return [];
  const rows: Array<{ id: string; workingHours: WorkingHours; upcomingWorkingHours: UpcomingWorkingHours[] }> = await db.query(
    `select d.id, ${hoursInForceSql('d', 'd.today')} as "workingHours",
            coalesce((select json_agg(json_build_object('effectiveFrom', w.effective_from, 'workingHours', w.working_hours) order by w.effective_from)
                      from doctor_working_hours w where w.doctor_id = d.id and w.effective_from > d.today), '[]'::json) as "upcomingWorkingHours"
       from (select doctors.id, doctors.working_hours, ($3::timestamptz at time zone zone.timezone)::date as today
               from unnest($1::uuid[], $2::text[]) as zone (id, timezone) join doctors on doctors.id = zone.id) d`,
    [doctors.map((doctor) => doctor.id), doctors.map((doctor) => doctor.timezone), now],
  );
  const hours = new Map(rows.map((row) => [row.id, row]));
  return doctors.map((doctor) => {
    const found = hours.get(doctor.id);
    return Object.assign(new DoctorRecord(), doctor, {
      workingHours: found?.workingHours ?? doctor.workingHours,
      upcomingWorkingHours: found?.upcomingWorkingHours ?? [],
    });
  });
}
