import { DateTime } from 'luxon';
import { bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { ReceivedMail, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/** A time as the emails show it, on Dr. Weber's clock. */
const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm');

const offers = (mails: ReceivedMail[]) => mails.filter((mail) => mail.subject.startsWith('A time for you from the waitlist'));

interface Offer {
  holdId: string;
  doctorId: string;
  start: string;
  end: string;
  expiresAt: string;
}

describe('Waitlist offer emails over real SMTP', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    await sink.start();
    t = await startTestApp({ env: { SMTP_URL: sink.url, EMAIL_RETRY_BASE_MS: '50', REMINDER_CHECK_MS: '3600000', HOLD_EXPIRY_CHECK_MS: '100' } });
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  /** Emma waits for a consultation with Dr. Weber on `day`; Mia's appointment that day is cancelled, which frees its slot. */
  async function offered(day: string, time: string): Promise<{ entryId: string; offer: Offer }> {
    const booked = await t.http.post('/appointments', staff, bookingBody({ start: `${day}T${time}` }));
    expect(booked.status).toBe(201);
    const joined = await t.http.post('/waitlist', staff, { patientId: demo.emma.id, appointmentTypeId: demo.consultation.id, from: day, to: day, doctorId: demo.weber.id });
    expect(joined.status).toBe(201);
    const entryId: string = joined.body.id;
    expect((await t.http.post(`/appointments/${booked.body.id}/cancel`, staff, { reason: 'Feeling better' })).status).toBe(200);
    const offer = await eventually(async () => {
      const entry = await t.http.get(`/waitlist/${entryId}`, staff);
      expect(entry.body.status).toBe('offered');
      return entry.body.offer as Offer;
    });
    return { entryId, offer };
  }

  it('tells the patient offered a freed slot which slot it is, until when it is held and how to accept or decline it', async () => {
    const { entryId, offer } = await offered('2027-03-22', '09:00:00+01:00');

    await eventually(() => expect(offers(sink.to(demo.emma.email))).toHaveLength(1));
    const [mail] = offers(sink.to(demo.emma.email));
    expect(mail.subject).toBe(`A time for you from the waitlist: ${local(offer.start)}`);
    expect(mail.text).toContain(`A time has come free for your Consultation with Dr. Anna Weber, and it is held for you until ${local(offer.expiresAt)} (Europe/Berlin).`);
    expect(mail.text).toContain(`When: ${local(offer.start)}–${DateTime.fromISO(offer.end, { zone: 'Europe/Berlin' }).toFormat('HH:mm')} (Europe/Berlin)`);
    expect(mail.text).toContain('Room: ');
    expect(mail.text).toContain(`To book it: POST /waitlist/${entryId}/accept`);
    expect(mail.text).toContain(`To let it go to the next patient: POST /waitlist/${entryId}/decline`);
    expect(mail.calendar).toBeNull();
    // Only the patient is written to: nothing is booked until they accept.
    expect(sink.received.filter((received) => received.subject.startsWith('A time for you')).flatMap((received) => received.to)).toEqual([demo.emma.email]);
  });

  it('tells the patient when the offer expired unanswered', async () => {
    const { offer } = await offered('2027-03-23', '10:00:00+01:00');
    await eventually(() => expect(offers(sink.to(demo.emma.email))).toHaveLength(2));

    // The clock passes this offer's expiry (and that of the offer before it, if still open).
    t.clock.set(new Date(Date.parse(offer.expiresAt) + 1000));
    const subject = `The time offered to you has gone: ${local(offer.start)}`;
    await eventually(() => expect(sink.to(demo.emma.email).filter((mail) => mail.subject === subject)).toHaveLength(1));
    const expired = sink.to(demo.emma.email).find((mail) => mail.subject === subject)!;
    expect(expired.text).toContain(`The time held for you until ${local(offer.expiresAt)} (Europe/Berlin) was not taken`);
  });
});
