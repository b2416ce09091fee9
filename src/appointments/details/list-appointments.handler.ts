import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { decodeCursor, encodeCursor, START_CURSOR } from '../../shared/http/page';
import { appointmentResourceFromDetailsRow } from '../appointment-resource';
import { AppointmentDetails } from './appointment-details.entity';
import { ListAppointments } from './list-appointments.query';

const DEFAULT_PAGE_SIZE = 50;

@QueryHandler(ListAppointments)
export class ListAppointmentsHandler implements IQueryHandler<ListAppointments> {
  constructor(@InjectRepository(AppointmentDetails) private readonly details: Repository<AppointmentDetails>) {}

  async execute({ filter, actor }: ListAppointments) {
    // A patient or doctor only ever sees their own appointments, whatever the filter says.
    const patientId = actor.role === 'patient' ? actor.patientId : filter.patientId;
    const doctorId = actor.role === 'doctor' ? actor.doctorId : filter.doctorId;
    const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
    if ((actor.role === 'patient' && filter.patientId && filter.patientId !== actor.patientId) ||
        (actor.role === 'doctor' && filter.doctorId && filter.doctorId !== actor.doctorId)) {
      return { items: [], nextCursor: null };
    }

    const query = this.details.createQueryBuilder('a').orderBy('a.start').addOrderBy('a.id').limit(limit + 1);
    if (doctorId) query.andWhere('a.doctor_id = :doctorId', { doctorId });
    if (patientId) query.andWhere('a.patient_id = :patientId', { patientId });
    if (filter.roomId) query.andWhere('a.room_id = :roomId', { roomId: filter.roomId });
    if (filter.status) query.andWhere('a.status in (:...status)', { status: filter.status });
    if (filter.from) query.andWhere('a.start >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.start < :to', { to: filter.to });
    if (filter.cursor) {
      const [start, id] = decodeCursor(filter.cursor, START_CURSOR);
      query.andWhere('(a.start, a.id) > (:cursorStart, :cursorId)', { cursorStart: start, cursorId: id });
    }
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(appointmentResourceFromDetailsRow),
      nextCursor: rows.length > limit ? encodeCursor([last.start.toISOString(), last.id]) : null,
    };
  }
}
