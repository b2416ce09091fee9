import { assertNever } from '../../domain/assert-never';
import { HoldEvent } from '../../domain/hold.events';
import { SlotHoldState } from './slot-hold.state';

/** Applies one event of a hold's stream; each event carries the whole hold. */
export function evolveHold(_state: SlotHoldState, event: HoldEvent): SlotHoldState {
  switch (event.type) {
    case 'SlotHeld':
      return { ...event.data, status: 'held', appointmentId: null };
    case 'HoldConverted': {
      const { appointmentId, ...facts } = event.data;
      return { ...facts, status: 'converted', appointmentId };
    }
    case 'HoldReleased':
      return { ...event.data, status: 'released', appointmentId: null };
    case 'HoldExpired':
      return { ...event.data, status: 'expired', appointmentId: null };
    default:
      return assertNever(event);
  }
}
