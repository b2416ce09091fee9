import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { assertVisibleTo } from '../appointment-access';
import { AppointmentResources, appointmentResourceFromDetailsRow } from '../appointment-resource';
import { AppointmentNotFound } from '../domain/appointment.errors';
import { AppointmentRepository } from '../persistence/appointment.repository';
import { AppointmentDetails } from './appointment-details.entity';
import { GetAppointment } from './get-appointment.query';

/** The current appointment from the read table; a past state is rebuilt from the events. */
@QueryHandler(GetAppointment)
export class GetAppointmentHandler implements IQueryHandler<GetAppointment> {
  constructor(
    @InjectRepository(AppointmentDetails) private readonly details: Repository<AppointmentDetails>,
    private readonly repository: AppointmentRepository,
    private readonly resources: AppointmentResources,
  ) {}

  async execute({ appointmentId, actor, at }: GetAppointment) {
    if (at) {
      const state = await this.repository.loadAsOf(appointmentId, at);
      if (state === null) throw new AppointmentNotFound(appointmentId);
      assertVisibleTo(actor, state);
      return this.resources.of(state);
    }
    const row = await this.details.findOneBy({ id: appointmentId });
    if (!row) throw new AppointmentNotFound(appointmentId);
    assertVisibleTo(actor, row);
    return appointmentResourceFromDetailsRow(row);
  }
}
