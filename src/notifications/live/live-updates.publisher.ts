import { Injectable } from '@nestjs/common';
import { APPOINTMENT_EVENT_CLASSES } from '../../appointments/domain/appointment.events';
import { HOLD_EVENTS } from '../../appointments/domain/hold.events';
import { BatchDelivery, DurableBatchHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { SCHEDULE_EVENT_CLASSES } from '../../schedules/domain/schedule.events';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { WAITLIST_EVENTS } from '../../waitlist/domain/waitlist.events';
import { LiveDeliveries, RecordedLiveEvent } from './live-deliveries';
import { LiveGateway } from './live.gateway';

/**
 * Pushes every appointment, schedule, hold and waitlist change to the live dashboards, in commit
 * order, once it has committed (so a client never sees a change that could still roll back).
 */
@Injectable()
@DurableEventsHandler({
  name: SUBSCRIPTIONS.liveUpdates,
  events: [...Object.values(APPOINTMENT_EVENT_CLASSES), ...Object.values(SCHEDULE_EVENT_CLASSES), ...HOLD_EVENTS.eventClasses, ...WAITLIST_EVENTS.eventClasses],
})
export class LiveUpdatesPublisher implements DurableBatchHandler<RecordedLiveEvent['event']> {
  constructor(
    private readonly deliveries: LiveDeliveries,
    private readonly gateway: LiveGateway,
  ) {}

  async handleBatch(events: ReadonlyArray<RecordedLiveEvent>, { afterCommit }: BatchDelivery): Promise<void> {
    const deliveries = await this.deliveries.of(events);
    afterCommit(() => deliveries.forEach((delivery) => this.gateway.publish(delivery)));
  }
}
