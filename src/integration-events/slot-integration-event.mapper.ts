import { HoldEvent } from '../appointments/domain/hold.events';
import { StoredEvent } from '../event-store/stored-event';
import { fhirHeldSlot } from './fhir-held-slot';
import { SlotIntegrationEvent } from './integration-event';
import { integrationEventId } from './integration-event-id';

/**
 * Translates a hold event into its public counterpart: the held time as a FHIR Slot on the
 * doctor's Schedule, `busy-tentative` while held, `busy` once booked, `free` once released or
 * expired. What a hold takes besides the doctor (the room) is named beside the Slot; whose it
 * is (the patient) is not published: the appointment that fills it names its participants.
 */
export function toSlotIntegrationEvent(event: HoldEvent, stored: StoredEvent): SlotIntegrationEvent {
  const time = stored.occurredAt.toISOString();
  const { holdId, doctorId, roomId } = event.data;
  const about = { time, holdId, doctorId, roomId };
  switch (event.type) {
    case 'SlotHeld':
      return { id: integrationEventId(stored.eventId, 'slot.held.v1'), type: 'slot.held.v1', ...about, expiresAt: event.data.expiresAt, payload: fhirHeldSlot(event.data, 'busy-tentative', time) };
    case 'HoldConverted':
      return { id: integrationEventId(stored.eventId, 'slot.booked.v1'), type: 'slot.booked.v1', ...about, appointmentId: event.data.appointmentId, payload: fhirHeldSlot(event.data, 'busy', time) };
    case 'HoldReleased':
      return { id: integrationEventId(stored.eventId, 'slot.released.v1'), type: 'slot.released.v1', ...about, payload: fhirHeldSlot(event.data, 'free', time) };
    case 'HoldExpired':
      return { id: integrationEventId(stored.eventId, 'slot.expired.v1'), type: 'slot.expired.v1', ...about, payload: fhirHeldSlot(event.data, 'free', time) };
    default: {
      const unknown: never = event;
      throw new Error(`No public event for ${(unknown as { type: string }).type}`);
    }
  }
}
