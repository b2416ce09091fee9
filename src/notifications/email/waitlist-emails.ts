import { ComposedEmail } from './appointment-emails';
import { messageBodies, until, when } from './email-text';

export type WaitlistEmailKind = 'offer-made' | 'offer-expired';

/** Everything a message to a patient on the waitlist says, looked up once by the caller. */
export interface WaitlistEmailFacts {
  kind: WaitlistEmailKind;
  entryId: string;
  start: string;
  end: string;
  /** Until when the slot is held for the patient. */
  expiresAt: string;
  /** The doctor's timezone, in which every time is shown. */
  timezone: string;
  doctorName: string;
  roomName: string;
  appointmentTypeName: string;
  recipient: { name: string; email: string };
  clinic: { name: string; email: string };
}

const SUBJECT: Record<WaitlistEmailKind, string> = {
  'offer-made': 'A time for you from the waitlist',
  'offer-expired': 'The time offered to you has gone',
};

/**
 * The offer of a freed slot to a patient on the waitlist: which slot, until when it is held for
 * them, and how to answer (accept books it, decline offers it to the next patient); or, once the
 * hold expired unanswered, that the offer and the place on the waitlist are over. No calendar
 * invitation: nothing is booked until the patient accepts.
 */
export function composeWaitlistEmail(facts: WaitlistEmailFacts): ComposedEmail {
  const slot = `${when(facts.start, facts.timezone)}–${until(facts.end, facts.timezone)} (${facts.timezone})`;
  const heldUntil = `${when(facts.expiresAt, facts.timezone)} (${facts.timezone})`;
  const details: Array<[string, string]> = [
    ['When', slot],
    ['Doctor', facts.doctorName],
    ['Room', facts.roomName],
    ['Type', facts.appointmentTypeName],
  ];
  let headline: string;
  if (facts.kind === 'offer-made') {
    headline = `A time has come free for your ${facts.appointmentTypeName} with ${facts.doctorName}, and it is held for you until ${heldUntil}.`;
    details.push(
      ['Held until', heldUntil],
      ['Waitlist entry', facts.entryId],
      ['To book it', `POST /waitlist/${facts.entryId}/accept`],
      ['To let it go to the next patient', `POST /waitlist/${facts.entryId}/decline`],
    );
  } else {
    headline = `The time held for you until ${heldUntil} was not taken, so it is offered to the next patient; your place on the waitlist has ended.`;
    details.push(['Waitlist entry', facts.entryId]);
  }
  const { text, html } = messageBodies(facts.recipient.name, headline, details, facts.clinic.name);
  return { to: facts.recipient.email, subject: `${SUBJECT[facts.kind]}: ${when(facts.start, facts.timezone)}`, text, html, calendar: null };
}
