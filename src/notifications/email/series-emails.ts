import { DateTime } from 'luxon';
import { RecordedActor } from '../../shared/auth/actor';
import { ComposedEmail } from './appointment-emails';
import { changeAuthor } from './change-author';
import { messageBodies, until, when } from './email-text';
import { InvitedOccurrence, SeriesChange, SeriesInvitation, seriesViewFor } from './series-invitation';
import { seriesInvite } from './series-invite';

export type SeriesEmailKind = 'series-booked' | 'series-updated' | 'series-cancelled';

/** Everything a message about a series says, looked up once by the caller. */
export interface SeriesEmailFacts {
  invitation: SeriesInvitation;
  change: SeriesChange;
  occurredAt: string;
  /** What the series is about (the patient's words; redacted once they are erased). */
  title: string;
  patientName: string;
  appointmentTypeName: string;
  doctorName: (doctorId: string) => string;
  roomName: (roomId: string) => string;
  recipient: { name: string; email: string; role: 'patient' | 'doctor' };
  clinic: { name: string; email: string };
  /** Who made the change, from its event's metadata. */
  author: RecordedActor;
}

const SUBJECT: Record<SeriesEmailKind, string> = {
  'series-booked': 'Appointment series booked',
  'series-updated': 'Appointment series changed',
  'series-cancelled': 'Appointment series cancelled',
};

/** The kind of message a change makes: the first invitation, an update, or the whole series cancelled. */
export function seriesEmailKind(invitation: SeriesInvitation, change: SeriesChange): SeriesEmailKind {
  if (change.kind === 'booked') return 'series-booked';
  return invitation.ruleCount === 0 ? 'series-cancelled' : 'series-updated';
}

/** "every week on Monday at 09:00 (Europe/Berlin), 4 times". */
function cadence(invitation: SeriesInvitation): string {
  const first = DateTime.fromISO(invitation.occurrences[0].originalStart, { zone: invitation.timezone }).setLocale('en-GB');
  const every = invitation.interval === 1 ? 'every week' : `every ${invitation.interval} weeks`;
  return `${every} on ${first.toFormat('cccc')} at ${first.toFormat('HH:mm')} (${invitation.timezone}), ${invitation.occurrences.length} times`;
}

/** The headline of the message, written for its recipient. */
function headline(facts: SeriesEmailFacts): string {
  const { invitation, change } = facts;
  const forDoctor = facts.recipient.role === 'doctor';
  const zone = invitation.timezone;
  const withWhom = forDoctor ? `with ${facts.patientName}` : `with ${facts.doctorName(invitation.doctorId)}`;
  switch (change.kind) {
    case 'booked':
      return forDoctor ? `${facts.patientName} is booked with you ${cadence(invitation)}.` : `Your appointments with ${facts.doctorName(invitation.doctorId)} are booked ${cadence(invitation)}.`;
    case 'occurrence-cancelled':
      return `The appointment ${withWhom} of ${when(change.occurrence.originalStart, zone)} is cancelled; the others stay as they are.`;
    case 'occurrence-moved':
      return `The appointment ${withWhom} of ${when(change.previousStart, zone)} has moved to ${when(change.occurrence.start, zone)}.`;
    case 'occurrence-reassigned': {
      const { occurrence } = change;
      if (forDoctor && occurrence.doctorId !== invitation.doctorId)
        return `The appointment ${withWhom} of ${when(occurrence.start, zone)} was handed over to ${facts.doctorName(occurrence.doctorId)}.`;
      return `The appointment of ${when(occurrence.start, zone)} is now with ${forDoctor ? 'you' : facts.doctorName(occurrence.doctorId)} in ${facts.roomName(occurrence.roomId)}.`;
    }
    case 'series-cancelled': {
      if (invitation.ruleCount === 0) return `The appointments ${withWhom} are cancelled.`;
      const last = invitation.occurrences[invitation.ruleCount - 1];
      const from = DateTime.fromISO(change.from, { zone }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
      return `The appointments ${withWhom} from ${from} on are cancelled: the series ends with the one of ${when(last.originalStart, zone)}.`;
    }
  }
}

/** One occurrence as the recipient's list of dates shows it. */
function dateLine(facts: SeriesEmailFacts, occurrence: InvitedOccurrence): string {
  const { invitation } = facts;
  const line = `${when(occurrence.start, invitation.timezone)}–${until(occurrence.end, invitation.timezone)}`;
  if (occurrence.cancelled) return `${line} (cancelled)`;
  const elsewhere: string[] = [];
  if (occurrence.doctorId !== invitation.doctorId) {
    if (facts.recipient.role === 'doctor') return `${line} (handed over to ${facts.doctorName(occurrence.doctorId)})`;
    elsewhere.push(`with ${facts.doctorName(occurrence.doctorId)}`);
  }
  if (occurrence.roomId !== invitation.roomId) elsewhere.push(`in ${facts.roomName(occurrence.roomId)}`);
  return elsewhere.length === 0 ? line : `${line} (${elsewhere.join(', ')})`;
}

function note(change: SeriesChange): [string, string] | null {
  switch (change.kind) {
    case 'occurrence-cancelled':
    case 'series-cancelled':
      return ['Reason', change.reason];
    case 'occurrence-reassigned':
      return ['Comment', change.comment];
    case 'booked':
    case 'occurrence-moved':
      return null;
  }
}

/** How a doctor's message names who made each kind of change. */
const AUTHORED: Record<SeriesChange['kind'], string> = {
  booked: 'Booked by',
  'occurrence-cancelled': 'Cancelled by',
  'occurrence-moved': 'Moved by',
  'occurrence-reassigned': 'Reassigned by',
  'series-cancelled': 'Cancelled by',
};

/** The line naming who made the change, in a doctor's message only, as for a single appointment. */
function authorLine(facts: SeriesEmailFacts): [string, string] | null {
  return facts.recipient.role === 'doctor' ? [AUTHORED[facts.change.kind], changeAuthor(facts.author)] : null;
}

/** Subject, text and HTML bodies and the series' calendar invitation of one message. */
export function composeSeriesEmail(facts: SeriesEmailFacts): ComposedEmail {
  const { invitation, change } = facts;
  const kind = seriesEmailKind(invitation, change);
  const forDoctor = facts.recipient.role === 'doctor';
  const inRule = invitation.ruleCount === 0 ? invitation.occurrences : invitation.occurrences.slice(0, invitation.ruleCount);
  const details: Array<[string, string]> = [
    ...inRule.map((occurrence, index): [string, string] => [`Appointment ${index + 1}`, dateLine(facts, occurrence)]),
    ['Doctor', facts.doctorName(invitation.doctorId)],
    ['Patient', facts.patientName],
    ['Room', facts.roomName(invitation.roomId)],
    ['Type', facts.appointmentTypeName],
    ['About', facts.title],
  ];
  const extra = note(change);
  if (extra) details.push(extra);
  const author = authorLine(facts);
  if (author) details.push(author);
  const { text, html } = messageBodies(facts.recipient.name, headline(facts), details, facts.clinic.name);

  const view = seriesViewFor(invitation, facts.recipient.role);
  const summaryWith = (doctorId: string) => `${facts.appointmentTypeName}: ${forDoctor ? facts.patientName : facts.doctorName(doctorId)}`;
  const calendar = seriesInvite({
    method: view.method,
    seriesId: invitation.seriesId,
    sequence: invitation.sequence,
    stamp: facts.occurredAt,
    timezone: invitation.timezone,
    interval: invitation.interval,
    rule: view.rule,
    bound: view.bound,
    excluded: view.excluded,
    overrides: view.overrides.map((override) => ({
      originalStart: override.originalStart,
      start: override.start,
      end: override.end,
      summary: summaryWith(override.doctorId),
      location: facts.roomName(override.roomId),
    })),
    summary: summaryWith(invitation.doctorId),
    location: facts.roomName(invitation.roomId),
    description: facts.title,
    organizer: facts.clinic,
    attendee: { name: facts.recipient.name, email: facts.recipient.email },
  });
  return {
    to: facts.recipient.email,
    subject: `${SUBJECT[kind]}: ${when(invitation.occurrences[0].originalStart, invitation.timezone)}`,
    text,
    html,
    calendar,
  };
}
