import { DateTime } from 'luxon';
import { AppointmentStatus } from '../../../appointments/domain/appointment.state';
import { calendarUid, ICalendarWriter } from '../../../shared/icalendar';

/**
 * A doctor's calendar feed (RFC 5545, METHOD:PUBLISH), for calendar apps that subscribe to a
 * URL and fetch it again every so often. Every entry keeps its UID and SEQUENCE from one fetch
 * to the next, so an app updates its entries instead of adding new ones:
 * - an appointment is `UID:<appointment id>@clinic-booking` with SEQUENCE its version, as in
 *   the email invitations; a cancelled one stays in the feed, STATUS:CANCELLED, until its day
 *   has passed, so that subscribed calendars drop it;
 * - a time off is `UID:<time off id>@clinic-booking` with SEQUENCE its schedule stream's
 *   version at its last change.
 * Times are the doctor's wall-clock times with TZID (the doctor's IANA zone) and a VTIMEZONE.
 * A feed URL is a shared secret that may end up in many places, so an entry says no more than
 * a doctor needs on a phone: the appointment type and the room (no patient, no title, no
 * reason), and "Time off" (no reason).
 */
export interface FeedAppointment {
  id: string;
  status: AppointmentStatus;
  start: Date;
  end: Date;
  appointmentTypeName: string | null;
  roomName: string | null;
  version: number;
  /** When its last event happened (LAST-MODIFIED), if known. */
  changedAt: Date | null;
}

export interface FeedTimeOff {
  id: string;
  start: Date;
  end: Date;
  version: number;
}

export interface CalendarFeed {
  doctor: { id: string; name: string; timezone: string };
  appointments: readonly FeedAppointment[];
  timeOff: readonly FeedTimeOff[];
}

/** How far ahead the feed looks, from the start of today in the doctor's zone. */
export const FEED_DAYS = 90;

/** How often calendar apps are asked to fetch the feed again. */
const REFRESH = 'PT15M';

const DAY_MS = 24 * 3600 * 1000;

/** The path of a doctor's feed with a feed token, as a calendar app is given it. */
export const feedPath = (doctorId: string, token: string) => `/doctors/${doctorId}/calendar.ics?token=${encodeURIComponent(token)}`;

/** The time the feed covers: from the start of today in the doctor's zone, FEED_DAYS days on. */
export function feedWindow(now: Date, timezone: string): { from: Date; to: Date } {
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  return { from: today.toJSDate(), to: today.plus({ days: FEED_DAYS }).toJSDate() };
}

/**
 * An appointment that was booked stays an entry whatever became of it in the window: it happened
 * (fulfilled), it was missed (noshow), it is still to come, or it is cancelled.
 */
const STATUS_OF: Record<AppointmentStatus, 'CONFIRMED' | 'CANCELLED'> = {
  booked: 'CONFIRMED',
  'checked-in': 'CONFIRMED',
  fulfilled: 'CONFIRMED',
  noshow: 'CONFIRMED',
  cancelled: 'CANCELLED',
};

/** The feed as iCalendar text; `now` is its DTSTAMP (the time this copy was made, as METHOD:PUBLISH says). */
export function writeCalendarFeed(feed: CalendarFeed, window: { from: Date; to: Date }, now: Date): string {
  const zone = feed.doctor.timezone;
  const entries = [...feed.appointments, ...feed.timeOff];
  // The zone is defined for every time the feed names, including a time off that runs past the window.
  const earliest = Math.min(window.from.getTime(), ...entries.map((entry) => entry.start.getTime())) - DAY_MS;
  const latest = Math.max(window.to.getTime(), ...entries.map((entry) => entry.end.getTime())) + DAY_MS;

  const calendar = new ICalendarWriter()
    .begin('VCALENDAR')
    .value('PRODID', '-//Clinic Booking//Calendar feed//EN')
    .value('VERSION', '2.0')
    .value('CALSCALE', 'GREGORIAN')
    .value('METHOD', 'PUBLISH')
    .text('X-WR-CALNAME', `${feed.doctor.name}: appointments`)
    .value('X-WR-TIMEZONE', zone)
    .value('REFRESH-INTERVAL', REFRESH, [['VALUE', 'DURATION']])
    .value('X-PUBLISHED-TTL', REFRESH)
    .timezone(zone, new Date(earliest), new Date(latest));

  for (const appointment of feed.appointments) {
    const status = STATUS_OF[appointment.status];
    calendar.begin('VEVENT').value('UID', calendarUid(appointment.id)).value('SEQUENCE', appointment.version).utc('DTSTAMP', now);
    if (appointment.changedAt) calendar.utc('LAST-MODIFIED', appointment.changedAt);
    calendar
      .zoned('DTSTART', appointment.start, zone)
      .zoned('DTEND', appointment.end, zone)
      .text('SUMMARY', appointment.appointmentTypeName ?? 'Appointment');
    if (appointment.roomName) calendar.text('LOCATION', appointment.roomName);
    calendar
      .value('STATUS', status)
      .value('TRANSP', status === 'CANCELLED' ? 'TRANSPARENT' : 'OPAQUE')
      .end('VEVENT');
  }
  for (const timeOff of feed.timeOff) {
    calendar
      .begin('VEVENT')
      .value('UID', calendarUid(timeOff.id))
      .value('SEQUENCE', timeOff.version)
      .utc('DTSTAMP', now)
      .zoned('DTSTART', timeOff.start, zone)
      .zoned('DTEND', timeOff.end, zone)
      .text('SUMMARY', 'Time off')
      .value('STATUS', 'CONFIRMED')
      .value('TRANSP', 'OPAQUE')
      .end('VEVENT');
  }
  return calendar.end('VCALENDAR').toString();
}
