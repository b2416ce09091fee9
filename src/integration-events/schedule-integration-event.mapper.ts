import { ScheduleEvent, ScheduleEventType } from '../schedules/domain/schedule.events';
import { StoredEvent } from '../event-store/stored-event';
import { CLINIC_SCHEDULE_ID, fhirSchedule, fhirSlot } from './fhir-schedule';
import { integrationEventId } from './integration-event-id';
import { ScheduleIntegrationEvent, ScheduleIntegrationEventType } from './integration-event';

/** Which public event each internal schedule event becomes. */
const PUBLISHED_AS: Record<ScheduleEventType, ScheduleIntegrationEventType> = {
  WorkingHoursChanged: 'schedule.working-hours-changed.v1',
  TimeOffScheduled: 'schedule.time-off-scheduled.v1',
  TimeOffCancelled: 'schedule.time-off-cancelled.v1',
  ClinicClosureScheduled: 'schedule.closure-scheduled.v1',
  ClinicClosureCancelled: 'schedule.closure-cancelled.v1',
  RoomBlockScheduled: 'schedule.room-block-scheduled.v1',
  RoomBlockCancelled: 'schedule.room-block-cancelled.v1',
};

/**
 * Translates an internal schedule event into its public counterpart: working hours as the
 * doctor's FHIR Schedule, a block as a FHIR Slot on the schedule it blocks (the doctor's, the
 * room's or the clinic's). The reason of a closure or a room block is its Slot's `comment`: it
 * says why the clinic's calendar changed ("Public holiday", "Maintenance") and, unlike an
 * appointment's free text, belongs to no patient. It was admitted under the free-text policy of
 * the HTTP edge, which the published schemas state again. A time off's reason is never
 * published: it is the doctor's own ("sick leave"), and other systems need only the time it
 * takes. Which appointments a block cancelled is not published here either: each cancellation
 * is an `appointment.cancelled.v1` of its own.
 */
export function toScheduleIntegrationEvent(event: ScheduleEvent, stored: StoredEvent): ScheduleIntegrationEvent {
  const time = stored.occurredAt.toISOString();
  const id = integrationEventId(stored.eventId, PUBLISHED_AS[event.type]);
  switch (event.type) {
    case 'WorkingHoursChanged':
      return { id, type: 'schedule.working-hours-changed.v1', time, doctorId: event.data.doctorId, payload: fhirSchedule(event.data, stored.version, time) };
    case 'TimeOffScheduled': {
      const { doctorId, timeOffId, start, end } = event.data;
      return { id, type: 'schedule.time-off-scheduled.v1', time, doctorId, timeOffId, payload: fhirSlot({ id: timeOffId, start, end }, doctorId, 'busy-unavailable', time) };
    }
    case 'TimeOffCancelled': {
      const { doctorId, timeOffId, start, end } = event.data;
      return { id, type: 'schedule.time-off-cancelled.v1', time, doctorId, timeOffId, payload: fhirSlot({ id: timeOffId, start, end }, doctorId, 'free', time) };
    }
    case 'ClinicClosureScheduled': {
      const { closureId } = event.data;
      return { id, type: 'schedule.closure-scheduled.v1', time, closureId, payload: fhirSlot({ id: closureId, ...event.data }, CLINIC_SCHEDULE_ID, 'busy-unavailable', time) };
    }
    case 'ClinicClosureCancelled': {
      const { closureId, start, end } = event.data;
      return { id, type: 'schedule.closure-cancelled.v1', time, closureId, payload: fhirSlot({ id: closureId, start, end }, CLINIC_SCHEDULE_ID, 'free', time) };
    }
    case 'RoomBlockScheduled': {
      const { roomId, blockId } = event.data;
      return { id, type: 'schedule.room-block-scheduled.v1', time, roomId, blockId, payload: fhirSlot({ id: blockId, ...event.data }, roomId, 'busy-unavailable', time) };
    }
    case 'RoomBlockCancelled': {
      const { roomId, blockId, start, end } = event.data;
      return { id, type: 'schedule.room-block-cancelled.v1', time, roomId, blockId, payload: fhirSlot({ id: blockId, start, end }, roomId, 'free', time) };
    }
    default: {
      const unknown: never = event;
      throw new Error(`No public event for ${(unknown as { type: string }).type}`);
    }
  }
}
