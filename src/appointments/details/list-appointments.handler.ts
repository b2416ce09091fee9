import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadDatabase } from '../../database/read-database';
import { Clock } from '../../shared/clock';
import { decodeCursor, encodeCursor, START_CURSOR } from '../../shared/http/page';
import { appointmentResourceFromDetailsRow } from '../appointment-resource';
import { hoursInForceSql } from '../command-execution/reference-reads';
import { APPOINTMENT_DETAILS_COLUMNS, AppointmentDetailsRow } from './appointment-details.columns';
import { ListAppointments } from './list-appointments.query';

/** Appointments a page holds when the client names no `limit` (at most MAX_PAGE_SIZE). */
const DEFAULT_PAGE_SIZE = 50;

/**
 * Booked appointments starting at or after `now` (an SQL parameter) that lie outside their
 * doctor's working hours in force on their local date: the same rule as a booking's
 * (within_working_hours agrees with isWithinWorkingHours, see test/integration/working-hours-rule).
 */
function needsAttention(now: string): string {
  return `status = 'booked' and start >= ${now} and exists (
    select 1 from doctors d where d.id = appointment_details.doctor_id
      and not within_working_hours(${hoursInForceSql('d', `(appointment_details.start at time zone d.timezone)::date`)}, d.timezone, appointment_details.start, appointment_details."end"))`;
}

/** Keyset pages of the appointment_details read table in start order, in SQL built from the filters given. */
@QueryHandler(ListAppointments)
export class ListAppointmentsHandler implements IQueryHandler<ListAppointments> {
  constructor(
    private readonly dataSource: ReadDatabase,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, actor }: ListAppointments) {
    // A patient or doctor only ever sees their own appointments, whatever the filter says.
    const patientId = actor.role === 'patient' ? actor.patientId : filter.patientId;
    const doctorId = actor.role === 'doctor' ? actor.doctorId : filter.doctorId;
    const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
    if ((actor.role === 'patient' && filter.patientId && filter.patientId !== actor.patientId) ||
        (actor.role === 'doctor' && filter.doctorId && filter.doctorId !== actor.doctorId)) {
      return { items: [], nextCursor: null };
    }

    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (doctorId) conditions.push(`doctor_id = ${param(doctorId)}`);
    if (patientId) conditions.push(`patient_id = ${param(patientId)}`);
    if (filter.roomId) conditions.push(`room_id = ${param(filter.roomId)}`);
    if (filter.seriesId) conditions.push(`series_id = ${param(filter.seriesId)}`);
    if (filter.status) conditions.push(`status = any(${param(filter.status)}::text[])`);
    if (filter.from) conditions.push(`start >= ${param(filter.from)}`);
    if (filter.to) conditions.push(`start < ${param(filter.to)}`);
    if (filter.needsAttention) conditions.push(needsAttention(param(this.clock.now())));
    if (filter.cursor) {
      const [start, id] = decodeCursor(filter.cursor, START_CURSOR);
      conditions.push(`(start, id) > (${param(start)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows: AppointmentDetailsRow[] = await this.dataSource.query(
      `select ${APPOINTMENT_DETAILS_COLUMNS} from appointment_details
       ${conditions.length > 0 ? `where ${conditions.join(' and ')}` : ''}
       order by start, id limit ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(appointmentResourceFromDetailsRow),
      nextCursor: rows.length > limit ? encodeCursor([last.start.toISOString(), last.id]) : null,
    };
  }
}
