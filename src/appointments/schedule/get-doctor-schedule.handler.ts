import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadDatabase } from '../../database/read-database';
import { hoursInForceSql } from '../command-execution/reference-reads';
import { WorkingHours } from '../domain/working-hours';
import { workingRangesOfDate } from '../../schedules/availability/availability';
import { doctorFor, instantsOfDate } from './doctor-day';
import { DoctorScheduleEntry } from './doctor-schedule.entity';
import { DayBlock, GetDoctorSchedule } from './get-doctor-schedule.query';

/** The columns of a doctor_schedule row that the day's schedule shows. */
type ScheduledEntry = Pick<
  DoctorScheduleEntry,
  'appointmentId' | 'status' | 'start' | 'end' | 'title' | 'version' | 'patientId' | 'patientName' | 'roomId' | 'roomName' | 'appointmentTypeId' | 'appointmentTypeName'
>;

/**
 * A doctor's day, read in SQL: the working hours in force on that date (the rule bookings meet,
 * hoursInForceSql), the doctor's time off and the clinic closures over the day from the
 * schedule_blocks read table, and the appointments from doctor_schedule.
 */
@QueryHandler(GetDoctorSchedule)
export class GetDoctorScheduleHandler implements IQueryHandler<GetDoctorSchedule> {
  constructor(private readonly dataSource: ReadDatabase) {}

  async execute({ doctorId, date, actor }: GetDoctorSchedule) {
    const doctor = await doctorFor(this.dataSource.manager, doctorId, actor);
    const day = instantsOfDate(date, doctor.timezone);
    const [[{ hours }], blocks, entries] = await Promise.all([
      this.dataSource.query<Array<{ hours: WorkingHours }>>(`select ${hoursInForceSql('d', '$2::date')} as hours from doctors d where d.id = $1`, [doctorId, date]),
      this.dataSource.query<Array<Omit<DayBlock, 'start' | 'end'> & { start: Date; end: Date }>>(
        `select id, kind, start, "end", reason from schedule_blocks
         where not cancelled and tstzrange(start, "end", '[)') && tstzrange($2, $3, '[)')
           and (kind = 'closure' or (kind = 'time-off' and doctor_id = $1))
         order by start, id`,
        [doctorId, day.from, day.to],
      ),
      this.dataSource.query<ScheduledEntry[]>(
        `select appointment_id as "appointmentId", status, start, "end", title, version,
                patient_id as "patientId", patient_name as "patientName", room_id as "roomId", room_name as "roomName",
                appointment_type_id as "appointmentTypeId", appointment_type_name as "appointmentTypeName"
         from doctor_schedule where doctor_id = $1 and local_date = $2
         order by start, appointment_id`,
        [doctorId, date],
      ),
    ]);
    return {
      doctor: { id: doctor.id, name: doctor.name, timezone: doctor.timezone },
      date,
      workingHours: workingRangesOfDate({ id: doctor.id, timezone: doctor.timezone, workingHours: hours }, date).map((range) => ({
        start: range.start.toISOString(),
        end: range.end.toISOString(),
      })),
      blocks: blocks.map((block) => ({ ...block, start: block.start.toISOString(), end: block.end.toISOString() })),
      appointments: entries.map((entry) => ({
        id: entry.appointmentId,
        status: entry.status,
        start: entry.start.toISOString(),
        end: entry.end.toISOString(),
        title: entry.title,
        version: entry.version,
        patient: { id: entry.patientId, name: entry.patientName },
        room: { id: entry.roomId, name: entry.roomName },
        appointmentType: { id: entry.appointmentTypeId, name: entry.appointmentTypeName },
      })),
    };
  }
}
