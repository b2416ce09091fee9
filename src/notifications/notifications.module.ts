import { Module } from '@nestjs/common';
import { AppointmentsModule } from '../appointments/appointments.module';
import { AppointmentEmailNotifier } from './email/appointment-email.notifier';
import { EmailNotifications } from './email/email-notifications.handler';
import { EmailOutbox } from './email/email-outbox';
import { EmailOutboxScrubber } from './email/email-outbox.scrubber';
import { EmailSender } from './email/email-sender';
import { SeriesEmailNotifier } from './email/series-email.notifier';
import { WaitlistEmailNotifier } from './email/waitlist-email.notifier';
import { LiveDeliveries } from './live/live-deliveries';
import { LiveScheduleDeliveries } from './live/live-schedule-deliveries';
import { LiveUpdatesPublisher } from './live/live-updates.publisher';
import { LiveGateway } from './live/live.gateway';
import { ReminderDispatcher } from './reminders/reminder-dispatcher';
import { ReminderScheduleProjection } from './reminders/reminder-schedule.projection';

@Module({
  imports: [AppointmentsModule],
  providers: [
    EmailOutbox,
    EmailSender,
    EmailOutboxScrubber,
    EmailNotifications,
    AppointmentEmailNotifier,
    SeriesEmailNotifier,
    WaitlistEmailNotifier,
    ReminderScheduleProjection,
    ReminderDispatcher,
    LiveDeliveries,
    LiveScheduleDeliveries,
    LiveGateway,
    LiveUpdatesPublisher,
  ],
  exports: [EmailOutbox, EmailSender, ReminderDispatcher, LiveGateway],
})
export class NotificationsModule {}
