import { demo, seriesBody } from '../support/demo';
import { emailsDrained } from '../support/email-outbox';
import { eventually } from '../support/eventually';
import { expandRecurringInvite } from '../support/recurring-calendar';
import { ReceivedMail, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const seriesMail = (mails: ReceivedMail[]) => mails.filter((mail) => mail.subject.startsWith('Appointment series'));
const inviteOf = (mail: ReceivedMail) => expandRecurringInvite(mail.calendar ?? '');

describe('Series invitations over real SMTP', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    await sink.start();
    t = await startTestApp({ env: { SMTP_URL: sink.url, EMAIL_RETRY_BASE_MS: '50', REMINDER_CHECK_MS: '3600000' } });
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('sends one invitation per recipient for a series across the end of summer time, updates it with an EXDATE when one occurrence is cancelled, and ends it when the series is cancelled from a date', async () => {
    const booked = await t.http.post('/appointment-series', staff, seriesBody(), { 'x-correlation-id': 'series-mail-1' });
    expect(booked.status).toBe(201);
    const seriesId: string = booked.body.id;
    const appointments: Array<{ id: string; start: string; end: string }> = booked.body.appointments;
    const starts = appointments.map(({ start }) => new Date(start).toISOString());
    expect(starts).toEqual(['2027-10-18T07:00:00.000Z', '2027-10-25T07:00:00.000Z', '2027-11-01T08:00:00.000Z', '2027-11-08T08:00:00.000Z']);

    await eventually(() => {
      expect(seriesMail(sink.to(demo.mia.email))).toHaveLength(1);
      expect(seriesMail(sink.to(demo.weber.email))).toHaveLength(1);
    });
    await emailsDrained(t.dataSource);
    // The occurrences' own bookings send nothing: the series' invitation covers them.
    expect(sink.to(demo.mia.email)).toHaveLength(1);
    expect(sink.to(demo.weber.email)).toHaveLength(1);

    const [toPatient] = sink.to(demo.mia.email);
    const [toDoctor] = sink.to(demo.weber.email);
    expect(toPatient.subject).toBe('Appointment series booked: Monday 18 October 2027, 09:00');
    expect(toPatient.text).toContain('Your appointments with Dr. Anna Weber are booked every week on Monday at 09:00 (Europe/Berlin), 4 times.');
    expect(toPatient.headers.get('x-correlation-id')).toBe('series-mail-1');
    expect(toDoctor.text).toContain('Mia Schneider is booked with you every week on Monday at 09:00 (Europe/Berlin), 4 times.');
    for (const mail of [toPatient, toDoctor]) {
      expect(mail.calendar).toContain('RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=4\r\n');
      const invite = inviteOf(mail);
      expect(invite).toMatchObject({ method: 'REQUEST', uid: `${seriesId}@clinic-booking`, sequence: 0, tzid: 'Europe/Berlin', timezone: 'Europe/Berlin', exdates: [] });
      // 09:00 on the doctor's clock every week: 07:00 UTC in summer time, 08:00 after it.
      expect(invite.occurrences.map(({ start, end, local }) => ({ start, end, local }))).toEqual(
        appointments.map(({ start, end }) => ({ start: new Date(start).toISOString(), end: new Date(end).toISOString(), local: '09:00' })),
      );
    }

    const third = appointments[2];
    expect((await t.http.post(`/appointments/${third.id}/cancel`, staff, { reason: 'Away that week' })).status).toBe(200);
    await eventually(() => {
      expect(seriesMail(sink.to(demo.mia.email))).toHaveLength(2);
      expect(seriesMail(sink.to(demo.weber.email))).toHaveLength(2);
    });
    await emailsDrained(t.dataSource);
    expect(sink.to(demo.mia.email)).toHaveLength(2);
    for (const mail of [sink.to(demo.mia.email)[1], sink.to(demo.weber.email)[1]]) {
      expect(mail.subject).toBe('Appointment series changed: Monday 18 October 2027, 09:00');
      expect(mail.text).toContain('of Monday 1 November 2027, 09:00 is cancelled; the others stay as they are.');
      const invite = inviteOf(mail);
      expect(invite).toMatchObject({ method: 'REQUEST', uid: `${seriesId}@clinic-booking`, sequence: 1, exdates: [starts[2]] });
      expect(invite.occurrences.map(({ start }) => start)).toEqual([starts[0], starts[1], starts[3]]);
    }

    const ended = await t.http.post(`/appointment-series/${seriesId}/cancel`, staff, { reason: 'Treatment finished', from: '2027-11-08' });
    expect(ended.status).toBe(200);
    await eventually(() => expect(seriesMail(sink.to(demo.weber.email))).toHaveLength(3));
    await emailsDrained(t.dataSource);
    // One update for the series cancellation, none for the occurrence it cancelled.
    expect(sink.to(demo.mia.email)).toHaveLength(3);
    expect(sink.to(demo.weber.email)).toHaveLength(3);
    const last = sink.to(demo.mia.email)[2];
    expect(last.text).toContain('from Monday 8 November 2027 on are cancelled: the series ends with the one of Monday 25 October 2027, 09:00.');
    expect(last.text).toContain('Reason: Treatment finished');
    const invite = inviteOf(last);
    expect(invite).toMatchObject({ method: 'REQUEST', sequence: 2, rrule: 'FREQ=WEEKLY;COUNT=2' });
    expect(invite.occurrences.map(({ start }) => start)).toEqual([starts[0], starts[1]]);
  });

  it('overrides a moved occurrence at its RECURRENCE-ID, and tells the doctor an occurrence is handed to of it as of a single appointment', async () => {
    const booked = await t.http.post('/appointment-series', staff, seriesBody({ patientId: demo.emma.id, start: '2027-10-18T11:00:00+02:00', recurrence: { frequency: 'weekly', count: 3 } }));
    expect(booked.status).toBe(201);
    const appointments: Array<{ id: string; start: string }> = booked.body.appointments;
    await eventually(() => expect(seriesMail(sink.to(demo.emma.email))).toHaveLength(1));

    expect((await t.http.post(`/appointments/${appointments[1].id}/reschedule`, staff, { start: '2027-10-25T14:00:00+02:00' })).status).toBe(200);
    await eventually(() => expect(seriesMail(sink.to(demo.emma.email))).toHaveLength(2));
    const moved = inviteOf(sink.to(demo.emma.email)[1]);
    expect(moved).toMatchObject({ sequence: 1, exdates: [], overrides: 1 });
    expect(moved.occurrences[1]).toMatchObject({ recurrenceId: new Date(appointments[1].start).toISOString(), start: '2027-10-25T12:00:00.000Z', local: '14:00' });

    const richterBefore = sink.to(demo.richter.email).length;
    expect((await t.http.post(`/appointments/${appointments[2].id}/reassign`, staff, { doctorId: demo.richter.id, comment: 'Dr. Weber at a congress' })).status).toBe(200);
    await eventually(() => expect(sink.to(demo.richter.email)).toHaveLength(richterBefore + 1));
    await emailsDrained(t.dataSource);
    expect(sink.to(demo.richter.email)[richterBefore].subject).toBe('Appointment reassigned: Monday 1 November 2027, 11:00');
    const toPatient = sink.to(demo.emma.email);
    expect(toPatient).toHaveLength(3);
    expect(inviteOf(toPatient[2]).occurrences[2]).toMatchObject({ summary: 'Consultation: Dr. Jonas Richter', local: '11:00' });
    const toWeber = seriesMail(sink.to(demo.weber.email)).filter((mail) => mail.text.includes('Emma'));
    expect(toWeber.map((mail) => mail.subject.split(':')[0])).toEqual(['Appointment series booked', 'Appointment series changed', 'Appointment series changed']);
    expect(inviteOf(toWeber[2])).toMatchObject({ sequence: 2, exdates: ['2027-11-01T10:00:00.000Z'] });
    expect(sink.to(demo.weber.email).filter((mail) => mail.subject.startsWith('Appointment handed over'))).toHaveLength(0);
  });

  it('cancels the whole series with one METHOD:CANCEL per recipient when it is cancelled from its first occurrence', async () => {
    const booked = await t.http.post('/appointment-series', staff, seriesBody({ patientId: demo.lukas.id, start: '2027-10-18T10:00:00+02:00', recurrence: { frequency: 'weekly', interval: 2, count: 3 } }));
    expect(booked.status).toBe(201);
    const seriesId: string = booked.body.id;
    await eventually(() => expect(seriesMail(sink.to(demo.lukas.email))).toHaveLength(1));
    expect(inviteOf(sink.to(demo.lukas.email)[0]).occurrences.map(({ local }) => local)).toEqual(['10:00', '10:00', '10:00']);

    expect((await t.http.post(`/appointment-series/${seriesId}/cancel`, staff, { reason: 'Moved away' })).status).toBe(200);
    await eventually(() => expect(seriesMail(sink.to(demo.lukas.email))).toHaveLength(2));
    await emailsDrained(t.dataSource);
    expect(sink.to(demo.lukas.email)).toHaveLength(2);
    const cancelled = sink.to(demo.lukas.email)[1];
    expect(cancelled.subject).toBe('Appointment series cancelled: Monday 18 October 2027, 10:00');
    expect(inviteOf(cancelled)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: `${seriesId}@clinic-booking`, sequence: 1 });
  });
});
