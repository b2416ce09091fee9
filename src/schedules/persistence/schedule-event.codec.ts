import { StoredEvent } from '../../event-store/stored-event';
import { SCHEDULE_EVENT_CLASSES, ScheduleEvent, isScheduleEventType, scheduleEventFrom } from '../domain/schedule.events';

/**
 * A stored schedule event as a typed event. Every schedule event is at its first schema version;
 * a newer version than this build knows is refused rather than misread.
 */
export function decodeScheduleEvent(stored: StoredEvent): ScheduleEvent {
  if (!isScheduleEventType(stored.type)) throw new Error(`Unknown schedule event type ${stored.type} at position ${stored.position}`);
  const current = SCHEDULE_EVENT_CLASSES[stored.type].schemaVersion;
  if (stored.schemaVersion !== current) {
    throw new Error(`${stored.type} has schema version ${stored.schemaVersion}, this build knows ${current}`);
  }
  return scheduleEventFrom(stored.type, stored.data);
}
