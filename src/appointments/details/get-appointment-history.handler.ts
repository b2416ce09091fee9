import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadDatabase } from '../../database/read-database';
import { assertVisibleTo } from '../appointment-access';
import { AppointmentNotFound } from '../domain/appointment.errors';
import { AppointmentHistoryEntry } from './appointment-details.entity';
import { GetAppointmentHistory } from './get-appointment-history.query';

@QueryHandler(GetAppointmentHistory)
export class GetAppointmentHistoryHandler implements IQueryHandler<GetAppointmentHistory> {
  constructor(private readonly dataSource: ReadDatabase) {}

  async execute({ appointmentId, actor }: GetAppointmentHistory) {
    const [row]: Array<{ id: string; patientId: string; doctorId: string; history: AppointmentHistoryEntry[] } | undefined> = await this.dataSource.query(
      `select id, patient_id as "patientId", doctor_id as "doctorId", history from appointment_details where id = $1`,
      [appointmentId],
    );
    if (!row) throw new AppointmentNotFound(appointmentId);
    assertVisibleTo(actor, row);
    return { items: row.history };
  }
}
