import { calendarUid, ICalendarWriter } from '../../shared/icalendar';

/**
 * iCalendar (RFC 5545) invitations. One UID per appointment, so calendar apps update the same
 * entry; SEQUENCE is the appointment's version, so every change supersedes the one before;
 * METHOD:CANCEL removes the entry.
 */
export interface CalendarInvite {
  method: 'REQUEST' | 'CANCEL';
  appointmentId: string;
  sequence: number;
  /** When the change happened: the DTSTAMP. */
  stamp: string;
  start: string;
  end: string;
  summary: string;
  location: string;
  description: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** The invitation of one appointment to one recipient. */
export function calendarInvite(invite: CalendarInvite): string {
  return new ICalendarWriter()
    .begin('VCALENDAR')
    .value('PRODID', '-//Clinic Booking//Appointments//EN')
    .value('VERSION', '2.0')
    .value('CALSCALE', 'GREGORIAN')
    .value('METHOD', invite.method)
    .begin('VEVENT')
    .value('UID', calendarUid(invite.appointmentId))
    .value('SEQUENCE', invite.sequence)
    .utc('DTSTAMP', invite.stamp)
    .utc('DTSTART', invite.start)
    .utc('DTEND', invite.end)
    .text('SUMMARY', invite.summary)
    .text('LOCATION', invite.location)
    .text('DESCRIPTION', invite.description)
    .value('ORGANIZER', `mailto:${invite.organizer.email}`, [['CN', invite.organizer.name]])
    .value('ATTENDEE', `mailto:${invite.attendee.email}`, [
      ['CN', invite.attendee.name],
      ['ROLE', 'REQ-PARTICIPANT'],
      ['PARTSTAT', 'NEEDS-ACTION'],
    ])
    .value('STATUS', invite.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED')
    .end('VEVENT')
    .end('VCALENDAR')
    .toString();
}
