import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { ReminderDispatcher } from '../../src/notifications/reminders/reminder-dispatcher';
import { SUBSCRIPTIONS } from '../../src/subscription-registry';
import { bookingBody, demo } from '../support/demo';
import { emailsDrained } from '../support/email-outbox';
import { eventually } from '../support/eventually';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/** The VEVENT of an invitation, read back by a real iCalendar parser. */
function readInvite(calendar: string | null) {
  if (!calendar) throw new Error('no calendar part');
  const component = new ICAL.Component(ICAL.parse(calendar));
  const event = component.getFirstSubcomponent('vevent')!;
  return {
    method: component.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    end: (event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
    status: event.getFirstPropertyValue('status'),
  };
}

describe('Email notifications over real SMTP', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    await sink.start();
    t = await startTestApp({
      env: { SMTP_URL: sink.url, EMAIL_RETRY_BASE_MS: '50', EMAIL_MAX_ATTEMPTS: '2', REMINDER_CHECK_MS: '3600000' },
    });
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('tells patient and doctor of a booking, a move and a cancellation, with a calendar invitation', async () => {
    const booked = await t.http.post('/appointments', staff, bookingBody(), { 'x-correlation-id': 'booking-mail-1' });
    const id = booked.body.id;
    await eventually(() => expect(sink.received.filter((m) => m.subject.startsWith('Appointment booked'))).toHaveLength(2));

    const [toPatient] = sink.to(demo.mia.email);
    const [toDoctor] = sink.to(demo.weber.email);
    expect(toPatient.subject).toBe('Appointment booked: Monday 22 March 2027, 09:00');
    expect(toPatient.text).toContain('Your appointment with Dr. Anna Weber is booked.');
    expect(toPatient.text).toContain('When: Monday 22 March 2027, 09:00–09:20 (Europe/Berlin)');
    expect(toPatient.html).toContain('Consultation room 1');
    expect(toPatient.headers.get('x-correlation-id')).toBe('booking-mail-1');
    expect(toDoctor.text).toContain('Mia Schneider is booked with you.');
    expect(readInvite(toPatient.calendar)).toEqual({
      method: 'REQUEST',
      uid: `${id}@clinic-booking`,
      sequence: 1,
      start: '2027-03-22T08:00:00.000Z',
      end: '2027-03-22T08:20:00.000Z',
      status: 'CONFIRMED',
    });

    await t.http.post(`/appointments/${id}/reschedule`, staff, { start: '2027-03-22T10:00:00+01:00' });
    await eventually(() => expect(sink.to(demo.mia.email)).toHaveLength(2));
    const moved = sink.to(demo.mia.email)[1];
    expect(moved.subject).toBe('Appointment moved: Monday 22 March 2027, 10:00');
    expect(moved.text).toContain('has moved from Monday 22 March 2027, 09:00');
    expect(readInvite(moved.calendar)).toMatchObject({ method: 'REQUEST', uid: `${id}@clinic-booking`, sequence: 2, start: '2027-03-22T09:00:00.000Z' });

    await t.http.post(`/appointments/${id}/cancel`, staff, { reason: 'Feeling better' });
    await eventually(() => expect(sink.to(demo.weber.email)).toHaveLength(3));
    const cancelled = sink.to(demo.weber.email)[2];
    expect(cancelled.text).toContain('Reason: Feeling better');
    expect(readInvite(cancelled.calendar)).toMatchObject({ method: 'CANCEL', sequence: 3, status: 'CANCELLED' });
  });

  it('tells the doctor who loses an appointment, and the one who gets it', async () => {
    const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-29T10:00:00+02:00', patientId: demo.emma.id }));
    await eventually(() => expect(sink.to(demo.emma.email)).toHaveLength(1));
    await t.http.post(`/appointments/${booked.body.id}/reassign`, staff, { doctorId: demo.richter.id, comment: 'Cardiology follow-up' });
    await eventually(() => expect(sink.to(demo.richter.email)).toHaveLength(1));
    expect(readInvite(sink.to(demo.richter.email)[0].calendar)).toMatchObject({ method: 'REQUEST', sequence: 2 });
    await eventually(() => expect(sink.to(demo.weber.email).filter((m) => m.subject.startsWith('Appointment handed over'))).toHaveLength(1));
    const handedOver = sink.to(demo.weber.email).find((m) => m.subject.startsWith('Appointment handed over'))!;
    expect(readInvite(handedOver.calendar)).toMatchObject({ method: 'CANCEL', sequence: 2 });
  });

  it('delivers everything exactly once after the mail server was down', async () => {
    await emailsDrained(t.dataSource);
    const before = sink.received.length;
    await sink.stop();
    const days = ['2027-04-05', '2027-04-06', '2027-04-07'];
    const booked: string[] = [];
    for (const day of days) {
      const response = await t.http.post('/appointments', staff, bookingBody({ start: `${day}T09:00:00+02:00` }));
      expect(response.status).toBe(201);
      booked.push(response.body.id);
    }
    await eventually(async () => {
      const [{ failing }] = await t.dataSource.query(`select count(*)::int as failing from email_outbox where status = 'pending' and attempts > 0`);
      expect(failing).toBe(6);
    });
    await sink.start();
    await eventually(() => expect(sink.received.length - before).toBe(6), 20_000);
    // Every message written during the outage arrived exactly once. The sink has a message
    // a moment before the sender records the server's reply: wait for the rows too.
    const written: Array<{ message_id: string }> = await eventually(async () => {
      const rows = await t.dataSource.query(`select message_id from email_outbox where appointment_id = any($1) and status = 'sent'`, [booked]);
      expect(rows).toHaveLength(6);
      return rows;
    });
    for (const { message_id } of written) expect(sink.received.filter((m) => m.messageId === message_id)).toHaveLength(1);
  });

  it('parks a message the server refuses permanently, with the reason, and sends the rest', async () => {
    sink.refuse.set(demo.lukas.email, 550);
    const before = sink.received.length;
    await t.http.post('/appointments', staff, bookingBody({ start: '2027-04-08T09:00:00+02:00', patientId: demo.lukas.id }));
    await eventually(async () => {
      const [parked] = await t.dataSource.query(`select attempts, last_error from email_outbox where status = 'parked'`);
      expect(parked.attempts).toBe(2);
      expect(parked.last_error).toMatch(/550/);
    });
    await eventually(() => expect(sink.received.length - before).toBe(1));
    expect(sink.received[sink.received.length - 1].to).toEqual([demo.weber.email]);
    sink.refuse.clear();
  });

  describe('reminders', () => {
    const reminders = () => sink.received.filter((m) => m.subject.startsWith('Reminder'));
    const dispatch = () => t.app.get(ReminderDispatcher).dispatchDue();

    it('goes out once at the lead time, follows a reschedule, and never after a cancellation', async () => {
      const kept = await t.http.post('/appointments', staff, bookingBody({ start: '2027-04-12T09:00:00+02:00', patientId: demo.emma.id }));
      const cancelled = await t.http.post('/appointments', staff, bookingBody({ start: '2027-04-12T11:00:00+02:00', patientId: demo.lukas.id }));
      await t.http.post(`/appointments/${cancelled.body.id}/cancel`, staff, { reason: 'Not needed' });
      const cancelPosition = Number((await t.dataSource.query(`select max(position) as p from events`))[0].p);
      await eventually(async () => {
        const [row] = await t.dataSource.query(`select position from subscription_checkpoints where name = $1`, [SUBSCRIPTIONS.reminderSchedule]);
        expect(Number(row.position)).toBeGreaterThanOrEqual(cancelPosition);
      });

      t.clock.set('2027-04-11T06:59:00Z');
      expect(await dispatch()).toBe(0);
      t.clock.set('2027-04-11T07:00:00Z');
      expect(await dispatch()).toBe(1);
      expect(await dispatch()).toBe(0);
      await eventually(() => expect(reminders()).toHaveLength(1));
      expect(reminders()[0].to).toEqual([demo.emma.email]);
      expect(reminders()[0].text).toContain('This is a reminder of your appointment with Dr. Anna Weber.');
      expect(reminders()[0].calendar).toBeNull();

      // Moved by two hours: due again, two hours later.
      const moved = await t.http.post(`/appointments/${kept.body.id}/reschedule`, staff, { start: '2027-04-12T11:00:00+02:00' });
      await eventually(async () => {
        const [row] = await t.dataSource.query(`select due_at, sent_at from reminders where appointment_id = $1`, [kept.body.id]);
        expect(row).toMatchObject({ due_at: new Date('2027-04-11T09:00:00Z'), sent_at: null });
      });
      expect(moved.status).toBe(200);
      t.clock.set('2027-04-11T08:59:00Z');
      expect(await dispatch()).toBe(0);
      t.clock.set('2027-04-11T12:00:00Z');
      expect(await dispatch()).toBe(1);
      await eventually(() => expect(reminders()).toHaveLength(2));
      expect(reminders().every((m) => m.to[0] === demo.emma.email)).toBe(true);
      t.clock.set('2027-03-01T08:00:00Z');
    });
  });
});

describe('Reminders that fell due while the app was down', () => {
  it('go out at the next start', async () => {
    const sink = new SmtpSink();
    await sink.start();
    const env = { SMTP_URL: sink.url, REMINDER_CHECK_MS: '100' };
    const first = await startTestApp({ env });
    const booked = await first.http.post('/appointments', first.tokenFor({ role: 'staff' }), bookingBody({ start: '2027-04-14T09:00:00+02:00' }));
    await eventually(async () => expect(await first.dataSource.query(`select 1 from reminders where appointment_id = $1`, [booked.body.id])).toHaveLength(1));
    await eventually(async () => expect(await first.dataSource.query(`select 1 from appointment_details where id = $1`, [booked.body.id])).toHaveLength(1));
    await first.app.close();

    // Started again two hours after the reminder was due (the clock is past 2027-04-13T07:00Z).
    const second = await startTestApp({ env, database: first.database, now: '2027-04-13T09:00:00Z', seed: false });
    try {
      await eventually(() => expect(sink.received.filter((m) => m.subject.startsWith('Reminder'))).toHaveLength(1));
    } finally {
      await second.app.close();
      await first.database.drop();
      await sink.close();
    }
  });
});

describe('Emails without SMTP_URL', () => {
  it('are written as .eml files under MAIL_DIR', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'clinic-eml-'));
    const t = await startTestApp({ env: { MAIL_DIR: directory } });
    try {
      await t.http.post('/appointments', t.tokenFor({ role: 'staff' }), bookingBody());
      await eventually(() => expect(readdirSync(directory).filter((name) => name.endsWith('.eml'))).toHaveLength(2));
      const mails = await Promise.all(readdirSync(directory).map((name) => simpleParser(readFileSync(join(directory, name)))));
      expect(mails.map((mail) => mail.subject)).toEqual(['Appointment booked: Monday 22 March 2027, 09:00', 'Appointment booked: Monday 22 March 2027, 09:00']);
      expect(mails.some((mail) => mail.attachments.some((a) => a.contentType.startsWith('text/calendar')))).toBe(true);
    } finally {
      await t.close();
    }
  });
});
