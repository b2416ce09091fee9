import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadDatabase } from '../../database/read-database';
import { hoursInForceSql } from '../command-execution/reference-reads';
import { WorkingHours } from '../domain/working-hours';
import { workingRangesOfDate } from '../../schedules/availability/availability';
import { doctorFor, instantsOfDate } from './doctor-day';
import { DoctorScheduleEntry } from './doctor-schedule.entity';
import { DayBlock, DayHold, GetDoctorSchedule } from './get-doctor-schedule.query';

/** The columns of a doctor_schedule row that the day's schedule shows. */
type ScheduledEntry = Pick<
  DoctorScheduleEntry,
  'appointmentId' | 'status' | 'start' | 'end' | 'title' | 'version' | 'patientId' | 'patientName' | 'roomId' | 'roomName' | 'appointmentTypeId' | 'appointmentTypeName'
>;

/** A slot held over the day, as the reservations and the hold's first event (SlotHeld) tell it. */
interface HeldRow {
  id: string;
  start: Date;
  end: Date;
  expiresAt: string;
  patientId: string;
  patientName: string | null;
  roomId: string;
  roomName: string | null;
  waitlistEntryId: string | null;
}

/**
 * A doctor's day, read in SQL: the working hours in force on that date (the rule bookings meet,
 * hoursInForceSql), the doctor's time off and the clinic closures over the day from the
 * schedule_blocks read table, the appointments from doctor_schedule, and the slots held from the
 * write-side reservations (a hold's row lives exactly as long as the hold is held, so the list
 * is never behind), each with its expiry from the SlotHeld that opened its stream.
 */
@QueryHandler(GetDoctorSchedule)
export class GetDoctorScheduleHandler implements IQueryHandler<GetDoctorSchedule> {
  constructor(private readonly dataSource: ReadDatabase) {}

  async execute({ doctorId, date, actor }: GetDoctorSchedule) {
    const doctor = await doctorFor(this.dataSource.manager, doctorId, actor);
    const day = instantsOfDate(date, doctor.timezone);
    const [[{ hours }], blocks, entries, held] = await Promise.all([
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
      this.dataSource.query<HeldRow[]>(
        `select r.reserved_by as id, lower(r.span) as start, upper(r.span) as "end", e.data->>'expiresAt' as "expiresAt",
                r.patient_id as "patientId", p.name as "patientName", r.room_id as "roomId", rm.name as "roomName",
                e.data->>'waitlistEntryId' as "waitlistEntryId"
         from reservations r
         join events e on e.aggregate_id = r.reserved_by and e.version = 1
         left join patients p on p.id = r.patient_id
         left join rooms rm on rm.id = r.room_id
         where r.kind = 'hold' and r.doctor_id = $1 and r.span && tstzrange($2, $3, '[)')
         order by lower(r.span), r.reserved_by`,
        [doctorId, day.from, day.to],
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
      holds: held.map(
        (row): DayHold => ({
          id: row.id,
          start: row.start.toISOString(),
          end: row.end.toISOString(),
          expiresAt: new Date(row.expiresAt).toISOString(),
          patient: { id: row.patientId, name: row.patientName },
          room: { id: row.roomId, name: row.roomName },
          waitlistEntryId: row.waitlistEntryId,
        }),
      ),
    };
  }
}
