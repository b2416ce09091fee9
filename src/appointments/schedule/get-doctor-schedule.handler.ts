import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { doctorFor, workingRangesOfDate } from './doctor-day';
import { DoctorScheduleEntry } from './doctor-schedule.entity';
import { GetDoctorSchedule } from './get-doctor-schedule.query';

/** The columns of a doctor_schedule row that the day's schedule shows. */
type ScheduledEntry = Pick<
  DoctorScheduleEntry,
  'appointmentId' | 'status' | 'start' | 'end' | 'title' | 'version' | 'patientId' | 'patientName' | 'roomId' | 'roomName' | 'appointmentTypeId' | 'appointmentTypeName'
>;

/** A doctor's day: working hours and appointments, read from the doctor_schedule read table in SQL. */
@QueryHandler(GetDoctorSchedule)
export class GetDoctorScheduleHandler implements IQueryHandler<GetDoctorSchedule> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ doctorId, date, actor }: GetDoctorSchedule) {
    const doctor = await doctorFor(this.dataSource.manager, doctorId, actor);
    const entries: ScheduledEntry[] = await this.dataSource.query(
      `select appointment_id as "appointmentId", status, start, "end", title, version,
              patient_id as "patientId", patient_name as "patientName", room_id as "roomId", room_name as "roomName",
              appointment_type_id as "appointmentTypeId", appointment_type_name as "appointmentTypeName"
       from doctor_schedule where doctor_id = $1 and local_date = $2
       order by start, appointment_id`,
      [doctorId, date],
    );
    return {
      doctor: { id: doctor.id, name: doctor.name, timezone: doctor.timezone },
      date,
      workingHours: workingRangesOfDate(doctor, date),
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
