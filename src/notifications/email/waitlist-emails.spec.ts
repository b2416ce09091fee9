import { composeWaitlistEmail, WaitlistEmailFacts } from './waitlist-emails';

const ENTRY = 'a1000000-0000-4000-8000-000000000001';

const facts = (kind: WaitlistEmailFacts['kind']): WaitlistEmailFacts => ({
  kind,
  entryId: ENTRY,
  start: '2027-03-22T08:00:00.000Z',
  end: '2027-03-22T08:20:00.000Z',
  expiresAt: '2027-03-20T10:15:00.000Z',
  timezone: 'Europe/Berlin',
  doctorName: 'Dr. Anna Weber',
  roomName: 'Consultation room 1',
  appointmentTypeName: 'Consultation',
  recipient: { name: 'Mia Schneider', email: 'mia@example.org' },
  clinic: { name: 'Clinic', email: 'no-reply@clinic.example' },
});

describe('Waitlist emails', () => {
  it('given a slot offered to an entry, when the offer email is composed, then it names the slot in the doctor zone, until when it is held and how to accept or decline the entry', () => {
    const email = composeWaitlistEmail(facts('offer-made'));

    expect(email.to).toBe('mia@example.org');
    expect(email.subject).toBe('A time for you from the waitlist: Monday 22 March 2027, 09:00');
    expect(email.text).toContain('A time has come free for your Consultation with Dr. Anna Weber, and it is held for you until Saturday 20 March 2027, 11:15 (Europe/Berlin).');
    expect(email.text).toContain('When: Monday 22 March 2027, 09:00–09:20 (Europe/Berlin)\n');
    expect(email.text).toContain('Room: Consultation room 1\n');
    expect(email.text).toContain(`To book it: POST /waitlist/${ENTRY}/accept\n`);
    expect(email.text).toContain(`To let it go to the next patient: POST /waitlist/${ENTRY}/decline\n`);
    expect(email.html).toContain(`POST /waitlist/${ENTRY}/accept`);
    expect(email.calendar).toBeNull();
  });

  it('given an offer that expired unanswered, when the note is composed, then it says the slot went to the next patient and the entry ended', () => {
    const email = composeWaitlistEmail(facts('offer-expired'));

    expect(email.subject).toBe('The time offered to you has gone: Monday 22 March 2027, 09:00');
    expect(email.text).toContain('was not taken, so it is offered to the next patient; your place on the waitlist has ended.');
    expect(email.text).not.toContain('/accept');
    expect(email.calendar).toBeNull();
  });
});
