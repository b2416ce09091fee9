import { Injectable } from '@nestjs/common';
import { SERIES_EVENTS } from '../../appointments/domain/series.events';
import { BatchDelivery, DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { WAITLIST_EVENTS } from '../../waitlist/domain/waitlist.events';
import { AppointmentEmailNotifier, NOTIFIED_APPOINTMENT_EVENTS, NotifiedAppointmentEvent } from './appointment-email.notifier';
import { EmailOutbox } from './email-outbox';
import { SERIES_NOTIFIED_EVENTS, SeriesEmailNotifier, SeriesNotifiedEvent } from './series-email.notifier';
import { WAITLIST_NOTIFIED_EVENTS, WaitlistEmailNotifier, WaitlistNotifiedEvent } from './waitlist-email.notifier';

type NotifiedEvent = NotifiedAppointmentEvent | SeriesNotifiedEvent | WaitlistNotifiedEvent;

const isSeriesEvent = (event: NotifiedEvent): event is SeriesNotifiedEvent =>
  SERIES_EVENTS.has(event.type) || (event.type !== 'AppointmentCreated' && 'seriesId' in event.data && event.data.seriesId !== undefined);

/**
 * The email-notifications subscription: who is told of what, written to the outbox in the
 * transaction that moves its checkpoint (so a message is written exactly once per event, its
 * dedupe key making a redelivery a no-op). Appointments, series and waitlist offers each have
 * their notifier; the series' goes first, since it decides which recipients of an occurrence's
 * change hear of it through the series' invitation rather than as of a single appointment.
 */
@Injectable()
@DurableEventsHandler({ name: SUBSCRIPTIONS.emailNotifications, events: [...new Set([...NOTIFIED_APPOINTMENT_EVENTS, ...SERIES_NOTIFIED_EVENTS, ...WAITLIST_NOTIFIED_EVENTS])] })
export class EmailNotifications implements DurableBatchHandler<NotifiedEvent> {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly appointments: AppointmentEmailNotifier,
    private readonly series: SeriesEmailNotifier,
    private readonly waitlist: WaitlistEmailNotifier,
  ) {}

  async handleBatch(events: ReadonlyArray<DeliveredEvent<NotifiedEvent>>, { db }: BatchDelivery): Promise<void> {
    const waitlistEvents = events.filter((delivered): delivered is DeliveredEvent<WaitlistNotifiedEvent> => WAITLIST_EVENTS.has(delivered.event.type));
    const seriesEvents = events.filter((delivered): delivered is DeliveredEvent<SeriesNotifiedEvent> => isSeriesEvent(delivered.event));
    const appointmentEvents = events.filter(
      (delivered): delivered is DeliveredEvent<NotifiedAppointmentEvent> => !WAITLIST_EVENTS.has(delivered.event.type) && !SERIES_EVENTS.has(delivered.event.type),
    );
    const series = await this.series.messagesFor(seriesEvents, db);
    const messages = [...series.messages, ...(await this.appointments.messagesFor(appointmentEvents, db, series.seriesDoctorOf)), ...(await this.waitlist.messagesFor(waitlistEvents, db))];
    await this.outbox.addAll(db, messages);
  }
}
