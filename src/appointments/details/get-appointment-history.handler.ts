import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertVisibleTo } from '../appointment-access';
import { replay } from '../domain/appointment.decider';
import { AppointmentNotFound } from '../domain/appointment.errors';
import { AppointmentRepository } from '../persistence/appointment.repository';
import { GetAppointmentHistory } from './get-appointment-history.query';

@QueryHandler(GetAppointmentHistory)
export class GetAppointmentHistoryHandler implements IQueryHandler<GetAppointmentHistory> {
  constructor(private readonly repository: AppointmentRepository) {}

  async execute({ appointmentId, actor }: GetAppointmentHistory) {
    const history = await this.repository.history(appointmentId);
    const state = replay(history.map((h) => h.event));
    if (state === null) throw new AppointmentNotFound(appointmentId);
    assertVisibleTo(actor, state);
    return {
      items: history.map(({ event, stored }) => ({
        position: stored.position,
        version: stored.version,
        eventType: event.type,
        occurredAt: stored.occurredAt.toISOString(),
        actor: stored.metadata.actor,
        correlationId: stored.metadata.correlationId,
        data: event.data,
      })),
    };
  }
}
