import { ICalendarWriter } from '../../shared/icalendar';

/** An invitation's iTIP method: REQUEST adds or updates the calendar entry, CANCEL removes it. */
export type InvitationMethod = 'REQUEST' | 'CANCEL';

/** Who sends an invitation (the organizer) and the one recipient it is for (the attendee). */
export interface InvitationParties {
  method: InvitationMethod;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** The VCALENDAR every invitation opens with: the product, iCalendar 2.0, the Gregorian calendar and the method. */
export function invitationCalendar(method: InvitationMethod): ICalendarWriter {
  return new ICalendarWriter()
    .begin('VCALENDAR')
    .value('PRODID', '-//Clinic Booking//Appointments//EN')
    .value('VERSION', '2.0')
    .value('CALSCALE', 'GREGORIAN')
    .value('METHOD', method);
}

/**
 * The lines of a VEVENT that name its parties: the organizer, the attendee as a required
 * participant yet to answer, and the STATUS the method gives (CANCELLED for CANCEL).
 */
export function invitationParties(writer: ICalendarWriter, invite: InvitationParties): ICalendarWriter {
  return writer
    .value('ORGANIZER', `mailto:${invite.organizer.email}`, [['CN', invite.organizer.name]])
    .value('ATTENDEE', `mailto:${invite.attendee.email}`, [
      ['CN', invite.attendee.name],
      ['ROLE', 'REQ-PARTICIPANT'],
      ['PARTSTAT', 'NEEDS-ACTION'],
    ])
    .value('STATUS', invite.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED');
}
