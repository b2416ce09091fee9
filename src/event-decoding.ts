import { decodeAppointmentEvent } from './appointments/persistence/appointment-event.codec';
import { HOLD_EVENTS } from './appointments/domain/hold.events';
import { SERIES_EVENTS } from './appointments/domain/series.events';
import { StoredEvent } from './event-store/stored-event';
import { isScheduleEventType } from './schedules/domain/schedule.events';
import { decodeScheduleEvent } from './schedules/persistence/schedule-event.codec';
import { WAITLIST_EVENTS } from './waitlist/domain/waitlist.events';

/** The families of events of the log besides the appointments' (whose codec upcasts). */
const FAMILIES = [HOLD_EVENTS, SERIES_EVENTS, WAITLIST_EVENTS];

/** Any stored event of the log as its typed event: a schedule's, a hold's, a series', a waitlist entry's or an appointment's. */
export function decodeEvent(stored: StoredEvent): unknown {
  if (isScheduleEventType(stored.type)) return decodeScheduleEvent(stored);
  const family = FAMILIES.find((candidate) => candidate.has(stored.type));
  return family ? family.decode(stored) : decodeAppointmentEvent(stored);
}
