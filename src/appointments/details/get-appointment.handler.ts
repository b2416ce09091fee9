import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AppointmentViews } from '../appointment-view';
import { assertVisibleTo } from '../appointment-access';
import { AppointmentNotFound } from '../domain/appointment.errors';
import { AppointmentRepository } from '../persistence/appointment.repository';
import { GetAppointment } from './get-appointment.query';

@QueryHandler(GetAppointment)
export class GetAppointmentHandler implements IQueryHandler<GetAppointment> {
  constructor(
    private readonly repository: AppointmentRepository,
    private readonly views: AppointmentViews,
  ) {}

  async execute({ appointmentId, actor, at }: GetAppointment) {
    const state = at ? await this.repository.loadAsOf(appointmentId, at) : await this.repository.load(appointmentId);
    if (state === null) throw new AppointmentNotFound(appointmentId);
    assertVisibleTo(actor, state);
    return this.views.of(state);
  }
}
