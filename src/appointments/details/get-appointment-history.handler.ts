import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { assertVisibleTo } from '../appointment-access';
import { AppointmentNotFound } from '../domain/appointment.errors';
import { AppointmentDetails } from './appointment-details.entity';
import { GetAppointmentHistory } from './get-appointment-history.query';

@QueryHandler(GetAppointmentHistory)
export class GetAppointmentHistoryHandler implements IQueryHandler<GetAppointmentHistory> {
  constructor(@InjectRepository(AppointmentDetails) private readonly details: Repository<AppointmentDetails>) {}

  async execute({ appointmentId, actor }: GetAppointmentHistory) {
    const row = await this.details.createQueryBuilder('a').addSelect('a.history').where('a.id = :id', { id: appointmentId }).getOne();
    if (!row) throw new AppointmentNotFound(appointmentId);
    assertVisibleTo(actor, row);
    return { items: row.history };
  }
}
