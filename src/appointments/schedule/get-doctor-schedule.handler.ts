import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { doctorFor, workingRangesOfDate } from './doctor-day';
import { DoctorScheduleEntry } from './doctor-schedule.entity';
import { GetDoctorSchedule } from './get-doctor-schedule.query';

@QueryHandler(GetDoctorSchedule)
export class GetDoctorScheduleHandler implements IQueryHandler<GetDoctorSchedule> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ doctorId, date, actor }: GetDoctorSchedule) {
    const doctor = await doctorFor(this.dataSource.manager, doctorId, actor);
    const entries = await this.dataSource.getRepository(DoctorScheduleEntry).find({
      where: { doctorId, localDate: date },
      order: { start: 'ASC', appointmentId: 'ASC' },
    });
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
