import { Injectable } from '@nestjs/common';
import { APPOINTMENT_EVENT_CLASSES, AppointmentEvent } from '../appointments/domain/appointment.events';
import { Delivery, DurableEventHandler, DurableEventsHandler } from '../event-store/subscriptions/durable-events-handler.decorator';
import { IntegrationFeedSignal } from './integration-feed-signal';
import { assertPublishable } from './integration-event-schemas';
import { toIntegrationEvent } from './integration-event.mapper';

export const INTEGRATION_EVENTS_TABLE = 'integration_events';

/**
 * Writes the public counterpart of every internal event to the integration outbox, in the
 * transaction that moves this subscription's checkpoint: each internal event yields its public
 * event exactly once, in commit order. Positions are the previous maximum plus one, which is
 * gap-free because this subscription is the feed's only writer. An event that does not match
 * its published schema stops the subscription rather than reaching other services.
 */
@Injectable()
@DurableEventsHandler({
  name: 'integration-events',
  events: Object.values(APPOINTMENT_EVENT_CLASSES),
  onFailure: 'stop',
  tables: [INTEGRATION_EVENTS_TABLE],
})
export class IntegrationOutboxProjection implements DurableEventHandler<AppointmentEvent> {
  constructor(private readonly feedSignal: IntegrationFeedSignal) {}

  async handle(event: AppointmentEvent, { db, stored, table, afterCommit }: Delivery): Promise<void> {
    const published = toIntegrationEvent(event, stored);
    assertPublishable(published);
    const target = table(INTEGRATION_EVENTS_TABLE);
    await db.query(
      `insert into ${target} (position, event_id, event_type, appointment_id, source_event_id, event)
       select coalesce(max(position), 0) + 1, $1, $2, $3, $4, $5 from ${target}
       on conflict (source_event_id) do nothing`,
      [published.id, published.type, published.appointmentId, stored.eventId, JSON.stringify(published)],
    );
    afterCommit(() => this.feedSignal.raise());
  }
}
