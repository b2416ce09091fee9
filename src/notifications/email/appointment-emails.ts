import { RecordedActor } from '../../shared/auth/actor';
import { CalendarInvite, calendarInvite } from './calendar-invite';
import { changeAuthor } from './change-author';
import { messageBodies, until, when } from './email-text';

export type EmailKind = 'booked' | 'rescheduled' | 'reassigned' | 'cancelled' | 'reminder' | 'handed-over';

/** Everything a message about an appointment says, looked up once by the caller. */
export interface AppointmentEmailFacts {
  kind: EmailKind;
  appointmentId: string;
  /** The appointment's version after the change: the calendar SEQUENCE. */
  version: number;
  occurredAt: string;
  start: string;
  end: string;
  previousStart?: string;
  /** The doctor's timezone, in which every time is shown. */
  timezone: string;
  doctorName: string;
  roomName: string;
  appointmentTypeName: string;
  title: string;
  /** A reassignment's comment or a cancellation's reason. */
  note?: string;
  recipient: { name: string; email: string; role: 'patient' | 'doctor' };
  patientName: string;
  clinic: { name: string; email: string };
  /** Who made the change, from its event's metadata; null for a reminder, which no one made. */
  author: RecordedActor | null;
}

export interface ComposedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** iCalendar content, or null for a message without an invitation. */
  calendar: string | null;
}

const SUBJECT: Record<EmailKind, string> = {
  booked: 'Appointment booked',
  rescheduled: 'Appointment moved',
  reassigned: 'Appointment reassigned',
  cancelled: 'Appointment cancelled',
  reminder: 'Reminder: your appointment',
  'handed-over': 'Appointment handed over',
};

/** How a doctor's message names who made each kind of change. */
const AUTHORED: Record<Exclude<EmailKind, 'reminder'>, string> = {
  booked: 'Booked by',
  rescheduled: 'Moved by',
  reassigned: 'Reassigned by',
  cancelled: 'Cancelled by',
  'handed-over': 'Handed over by',
};

/**
 * The line naming who made the change, in a doctor's message only: a patient hears of a change
 * in the clinic's voice, whoever at the desk made it.
 */
function authorLine(facts: AppointmentEmailFacts): [string, string] | null {
  if (facts.recipient.role !== 'doctor' || facts.kind === 'reminder' || facts.author === null) return null;
  return [AUTHORED[facts.kind], changeAuthor(facts.author)];
}

/** The headline of the message, written for its recipient. */
function headline(facts: AppointmentEmailFacts): string {
  const forDoctor = facts.recipient.role === 'doctor';
  switch (facts.kind) {
    case 'booked':
      return forDoctor ? `${facts.patientName} is booked with you.` : `Your appointment with ${facts.doctorName} is booked.`;
    case 'rescheduled':
      return `The appointment ${forDoctor ? `with ${facts.patientName}` : `with ${facts.doctorName}`} has moved from ${when(facts.previousStart ?? facts.start, facts.timezone)}.`;
    case 'reassigned':
      return forDoctor ? `The appointment with ${facts.patientName} is now yours.` : `Your appointment is now with ${facts.doctorName} in ${facts.roomName}.`;
    case 'cancelled':
      return `The appointment ${forDoctor ? `with ${facts.patientName}` : `with ${facts.doctorName}`} is cancelled.`;
    case 'reminder':
      return `This is a reminder of your appointment with ${facts.doctorName}.`;
    case 'handed-over':
      return `The appointment with ${facts.patientName} was handed over to another doctor.`;
  }
}

/** Subject, text and HTML bodies and the calendar invitation of one message. */
export function composeAppointmentEmail(facts: AppointmentEmailFacts): ComposedEmail {
  const time = `${when(facts.start, facts.timezone)}–${until(facts.end, facts.timezone)} (${facts.timezone})`;
  const details: Array<[string, string]> = [
    ['When', time],
    ['Doctor', facts.doctorName],
    ['Patient', facts.patientName],
    ['Room', facts.roomName],
    ['Type', facts.appointmentTypeName],
    ['About', facts.title],
  ];
  if (facts.note) details.push([facts.kind === 'cancelled' ? 'Reason' : 'Comment', facts.note]);
  const author = authorLine(facts);
  if (author) details.push(author);

  const { text, html } = messageBodies(facts.recipient.name, headline(facts), details, facts.clinic.name);

  const cancels = facts.kind === 'cancelled' || facts.kind === 'handed-over';
  const invite: CalendarInvite = {
    method: cancels ? 'CANCEL' : 'REQUEST',
    appointmentId: facts.appointmentId,
    sequence: facts.version,
    stamp: facts.occurredAt,
    start: facts.start,
    end: facts.end,
    summary: `${facts.appointmentTypeName}: ${facts.recipient.role === 'doctor' ? facts.patientName : facts.doctorName}`,
    location: facts.roomName,
    description: facts.title,
    organizer: facts.clinic,
    attendee: { name: facts.recipient.name, email: facts.recipient.email },
  };
  return {
    to: facts.recipient.email,
    subject: `${SUBJECT[facts.kind]}: ${when(facts.start, facts.timezone)}`,
    text,
    html,
    calendar: facts.kind === 'reminder' ? null : calendarInvite(invite),
  };
}
