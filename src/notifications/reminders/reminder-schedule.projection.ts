import { Inject, Injectable } from '@nestjs/common';
import { APPOINTMENT_EVENT_CLASSES, AppointmentEvent } from '../../appointments/domain/appointment.events';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { BatchDelivery, DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { SUBSCRIPTIONS } from '../../subscription-registry';

export const REMINDERS_TABLE = 'reminders';

/**
 * Keeps one reminder per booked appointment, due REMINDER_LEAD_HOURS before its start. A
 * reschedule moves it (and makes it due again if it had gone out for the old time); a
 * check-in, completion, no-show or cancellation removes it.
 */
@Injectable()
@DurableEventsHandler({ name: SUBSCRIPTIONS.reminderSchedule, events: Object.values(APPOINTMENT_EVENT_CLASSES) })
export class ReminderScheduleProjection implements DurableBatchHandler<AppointmentEvent> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Only the last change of each appointment in the batch matters (a reminder is set to its
   * latest start, or removed once the appointment no longer needs one), so a batch costs at
   * most two statements.
   */
  async handleBatch(events: ReadonlyArray<DeliveredEvent<AppointmentEvent>>, { db, table }: BatchDelivery): Promise<void> {
    const target = table(REMINDERS_TABLE);
    const last = new Map<string, { start: string; version: number } | 'remove'>();
    for (const { event, stored } of events) {
      switch (event.type) {
        case 'AppointmentCreated':
        case 'AppointmentRescheduled':
          last.set(event.data.appointmentId, { start: event.data.start, version: stored.version });
          break;
        case 'AppointmentReassigned':
          break;
        case 'AppointmentCheckedIn':
        case 'AppointmentCompleted':
        case 'AppointmentNoShowRecorded':
        case 'AppointmentCancelled':
          last.set(event.data.appointmentId, 'remove');
          break;
      }
    }
    const removed = [...last].filter(([, change]) => change === 'remove').map(([id]) => id);
    const set = [...last].flatMap(([id, change]) => (change === 'remove' ? [] : [{ appointment_id: id, ...change }]));
    if (set.length > 0) {
      await db.query(
        `insert into ${target} (appointment_id, start, due_at, sent_at, version)
         select r.appointment_id, r.start, r.start - make_interval(hours => $2), null, r.version
         from jsonb_to_recordset($1::jsonb) as r(appointment_id uuid, start timestamptz, version int)
         on conflict (appointment_id) do update
           set start = excluded.start, due_at = excluded.due_at, version = excluded.version,
               sent_at = case when ${target}.start = excluded.start then ${target}.sent_at end
           where ${target}.version < excluded.version`,
        [JSON.stringify(set), this.config.reminderLeadHours],
      );
    }
    if (removed.length > 0) await db.query(`delete from ${target} where appointment_id = any($1::uuid[])`, [removed]);
  }
}
