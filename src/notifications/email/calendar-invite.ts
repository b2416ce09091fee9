import { calendarUid } from '../../shared/icalendar';
import { invitationCalendar, InvitationParties, invitationParties } from './invitation';

/**
 * iCalendar (RFC 5545) invitations. One UID per appointment, so calendar apps update the same
 * entry; SEQUENCE is the appointment's version, so every change supersedes the one before;
 * METHOD:CANCEL removes the entry.
 */
export interface CalendarInvite extends InvitationParties {
  appointmentId: string;
  sequence: number;
  /** When the change happened: the DTSTAMP. */
  stamp: string;
  start: string;
  end: string;
  summary: string;
  location: string;
  description: string;
}

/** The invitation of one appointment to one recipient. */
export function calendarInvite(invite: CalendarInvite): string {
  const event = invitationCalendar(invite.method)
    .begin('VEVENT')
    .value('UID', calendarUid(invite.appointmentId))
    .value('SEQUENCE', invite.sequence)
    .utc('DTSTAMP', invite.stamp)
    .utc('DTSTART', invite.start)
    .utc('DTEND', invite.end)
    .text('SUMMARY', invite.summary)
    .text('LOCATION', invite.location)
    .text('DESCRIPTION', invite.description);
  return invitationParties(event, invite).end('VEVENT').end('VCALENDAR').toString();
}
