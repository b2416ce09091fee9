import { Inject, Injectable } from '@nestjs/common';
import { APPOINTMENT_EVENT_CLASSES, AppointmentEvent } from '../../appointments/domain/appointment.events';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Delivery, DurableEventHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';

export const REMINDERS_TABLE = 'reminders';

/**
 * Keeps one reminder per booked appointment, due REMINDER_LEAD_HOURS before its start. A
 * reschedule moves it (and makes it due again if it had gone out for the old time); a
 * check-in, completion, no-show or cancellation removes it.
 */
@Injectable()
@DurableEventsHandler({
  name: 'reminder-schedule',
  events: Object.values(APPOINTMENT_EVENT_CLASSES),
  onFailure: 'stop',
  tables: [REMINDERS_TABLE],
})
export class ReminderScheduleProjection implements DurableEventHandler<AppointmentEvent> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async handle(event: AppointmentEvent, { db, stored, table }: Delivery): Promise<void> {
    const target = table(REMINDERS_TABLE);
    const { appointmentId, start } = event.data;
    switch (event.type) {
      case 'AppointmentCreated':
      case 'AppointmentRescheduled':
        await db.query(
          `insert into ${target} (appointment_id, start, due_at, sent_at, version)
           values ($1, $2::timestamptz, $2::timestamptz - make_interval(hours => $3), null, $4)
           on conflict (appointment_id) do update
             set start = excluded.start, due_at = excluded.due_at, version = excluded.version,
                 sent_at = case when ${target}.start = excluded.start then ${target}.sent_at end
             where ${target}.version < excluded.version`,
          [appointmentId, start, this.config.reminderLeadHours, stored.version],
        );
        return;
      case 'AppointmentReassigned':
        return;
      case 'AppointmentCheckedIn':
      case 'AppointmentCompleted':
      case 'AppointmentNoShowRecorded':
      case 'AppointmentCancelled':
        await db.query(`delete from ${target} where appointment_id = $1`, [appointmentId]);
        return;
    }
  }
}
