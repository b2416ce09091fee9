import { decodeAppointmentEvent } from './appointments/persistence/appointment-event.codec';
import { StoredEvent } from './event-store/stored-event';
import { isScheduleEventType } from './schedules/domain/schedule.events';
import { decodeScheduleEvent } from './schedules/persistence/schedule-event.codec';

/** Any stored event of the log as its typed event: a schedule's or an appointment's. */
export function decodeEvent(stored: StoredEvent): unknown {
  return isScheduleEventType(stored.type) ? decodeScheduleEvent(stored) : decodeAppointmentEvent(stored);
}
