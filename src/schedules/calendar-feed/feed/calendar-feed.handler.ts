import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadDatabase } from '../../../database/read-database';
import { AppointmentStatus } from '../../../appointments/domain/appointment.state';
import { Doctor } from '../../../reference-data/doctors/doctor.entity';
import { RecordNotFound } from '../../../shared/application-errors';
import { Clock } from '../../../shared/clock';
import { FeedAppointment, FeedTimeOff, feedWindow, writeCalendarFeed } from './calendar-feed';
import { GetCalendarFeed } from './calendar-feed.query';

interface AppointmentRow {
  id: string;
  status: AppointmentStatus;
  start: Date;
  end: Date;
  appointment_type_name: string | null;
  room_name: string | null;
  version: number;
  changed_at: string | null;
}

/**
 * Reads a doctor's feed from the read tables: `appointment_details` (the appointments of the
 * window, with their version and the time of their last event) and `schedule_blocks` (the
 * doctor's time off that is not cancelled). Reads the event log not at all.
 */
@QueryHandler(GetCalendarFeed)
export class GetCalendarFeedHandler implements IQueryHandler<GetCalendarFeed> {
  constructor(
    private readonly dataSource: ReadDatabase,
    private readonly clock: Clock,
  ) {}

  async execute({ doctorId, reader }: GetCalendarFeed): Promise<string> {
    // A doctor reads their own feed only; the guard has matched a feed token to this doctor.
    const doctor = reader?.role === 'doctor' && reader.doctorId !== doctorId ? null : await this.dataSource.manager.findOneBy(Doctor, { id: doctorId });
    if (!doctor) throw new RecordNotFound('Doctor', doctorId);
    const now = this.clock.now();
    const window = feedWindow(now, doctor.timezone);
    const [appointments, timeOff] = await Promise.all([this.appointments(doctorId, window), this.timeOff(doctorId, window)]);
    return writeCalendarFeed({ doctor: { id: doctor.id, name: doctor.name, timezone: doctor.timezone }, appointments, timeOff }, window, now);
  }

  private async appointments(doctorId: string, window: { from: Date; to: Date }): Promise<FeedAppointment[]> {
    const rows: AppointmentRow[] = await this.dataSource.query(
      `select id, status, start, "end", appointment_type_name, room_name, version, history -> -1 ->> 'occurredAt' as changed_at
       from appointment_details where doctor_id = $1 and start < $3 and "end" > $2
       order by start, id`,
      [doctorId, window.from, window.to],
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      start: row.start,
      end: row.end,
      appointmentTypeName: row.appointment_type_name,
      roomName: row.room_name,
      version: row.version,
      changedAt: row.changed_at ? new Date(row.changed_at) : null,
    }));
  }

  private timeOff(doctorId: string, window: { from: Date; to: Date }): Promise<FeedTimeOff[]> {
    return this.dataSource.query(
      `select id, start, "end", version from schedule_blocks
       where kind = 'time-off' and doctor_id = $1 and not cancelled and start < $3 and "end" > $2
       order by start, id`,
      [doctorId, window.from, window.to],
    );
  }
}
