import { Injectable } from '@nestjs/common';
import { APPOINTMENT_EVENT_CLASSES } from '../appointments/domain/appointment.events';
import { HOLD_EVENTS } from '../appointments/domain/hold.events';
import { BatchDelivery, DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../event-store/subscriptions/durable-events-handler.decorator';
import { SCHEDULE_EVENT_CLASSES } from '../schedules/domain/schedule.events';
import { SUBSCRIPTIONS } from '../subscription-registry';
import { WAITLIST_EVENTS } from '../waitlist/domain/waitlist.events';
import { IntegrationFeedSignal } from './integration-feed-signal';
import { assertPublishable } from './integration-event-schemas';
import { PublishedInternalEvent, toIntegrationEvent } from './integration-event.mapper';

export const INTEGRATION_EVENTS_TABLE = 'integration_events';

/**
 * Writes the public counterpart of every internal event to the integration outbox, in the
 * transaction that moves this subscription's checkpoint: each internal event yields its public
 * event exactly once, in commit order. Positions are the previous maximum plus one, which is
 * gap-free because this subscription is the feed's only writer. An event that does not match
 * its published schema stops the subscription rather than reaching other services. Appointment,
 * schedule, hold and waitlist events share the one feed (and its order); `appointment_id` is
 * the appointment an event names (a booked slot's or waitlist entry's too), else null.
 */
@Injectable()
@DurableEventsHandler({
  name: SUBSCRIPTIONS.integrationEvents,
  events: [...Object.values(APPOINTMENT_EVENT_CLASSES), ...Object.values(SCHEDULE_EVENT_CLASSES), ...HOLD_EVENTS.eventClasses, ...WAITLIST_EVENTS.eventClasses],
})
export class IntegrationOutboxProjection implements DurableBatchHandler<PublishedInternalEvent> {
  constructor(private readonly feedSignal: IntegrationFeedSignal) {}

  async handleBatch(events: ReadonlyArray<DeliveredEvent<PublishedInternalEvent>>, { db, table, afterCommit }: BatchDelivery): Promise<void> {
    const published = events.map(({ event, stored }, n) => {
      const integrationEvent = toIntegrationEvent(event, stored);
      assertPublishable(integrationEvent);
      const appointmentId = 'appointmentId' in integrationEvent ? integrationEvent.appointmentId : null;
      return { n, id: integrationEvent.id, type: integrationEvent.type, appointment_id: appointmentId, source_event_id: stored.eventId, event: integrationEvent };
    });
    const target = table(INTEGRATION_EVENTS_TABLE);
    // Events already in the feed (a redelivery) are left out before numbering, so no gap opens.
    await db.query(
      `with fresh as (
         select p.*, row_number() over (order by p.n) as k
         from jsonb_to_recordset($1::jsonb) as p(n int, id uuid, type text, appointment_id uuid, source_event_id uuid, event jsonb)
         where not exists (select 1 from ${target} t where t.source_event_id = p.source_event_id))
       insert into ${target} (position, event_id, event_type, appointment_id, source_event_id, event)
       select (select coalesce(max(position), 0) from ${target}) + f.k, f.id, f.type, f.appointment_id, f.source_event_id, f.event
       from fresh f order by f.k`,
      [JSON.stringify(published)],
    );
    afterCommit(() => this.feedSignal.raise());
  }
}
