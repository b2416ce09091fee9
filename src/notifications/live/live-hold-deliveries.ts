import { assertNever } from '../../appointments/domain/assert-never';
import { HoldEvent } from '../../appointments/domain/hold.events';
import { DeliveredEvent } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { HoldStatus } from '../../appointments/holds/domain/slot-hold.state';
import { HoldResource, holdResourceOf } from '../../appointments/holds/hold-resource';
import { LiveDelivery } from './live-message';

/** Where a hold stands after each of its events: held until it ends exactly once. */
function statusAfter(event: HoldEvent): HoldStatus {
  switch (event.type) {
    case 'SlotHeld':
      return 'held';
    case 'HoldConverted':
      return 'converted';
    case 'HoldReleased':
      return 'released';
    case 'HoldExpired':
      return 'expired';
    default:
      return assertNever(event);
  }
}

/** A hold as a dashboard shows it, after `event`: every hold event carries the whole hold. */
export function liveHoldAfter(event: HoldEvent): HoldResource {
  return holdResourceOf(event.data, statusAfter(event), event.type === 'HoldConverted' ? event.data.appointmentId : null);
}

/**
 * The live messages of hold events, `{ position, eventType, hold }`: for staff, the hold's
 * doctor and the hold's patient. Nothing is read: each event carries the whole hold.
 */
export function holdDeliveries(recorded: ReadonlyArray<DeliveredEvent<HoldEvent>>): LiveDelivery[] {
  return recorded.map(({ event, stored }) => ({
    channel: 'hold',
    message: { position: stored.position, eventType: event.type, hold: liveHoldAfter(event), correlationId: stored.metadata.correlationId },
    transactionId: stored.transactionId,
    doctors: [event.data.doctorId],
    patientId: event.data.patientId,
  }));
}
