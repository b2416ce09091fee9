import { bookingBody, demo, seriesBody } from '../support/demo';
import { emailsDrained } from '../support/email-outbox';
import { eventually } from '../support/eventually';
import { ReceivedMail, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/** The one message to an address whose subject starts so, once it has arrived. */
async function mailTo(sink: SmtpSink, email: string, subject: string): Promise<ReceivedMail> {
  await eventually(() => expect(sink.to(email).filter((mail) => mail.subject.startsWith(subject))).toHaveLength(1));
  return sink.to(email).find((mail) => mail.subject.startsWith(subject))!;
}

describe('Emails to doctors say who made the change, over real SMTP', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  /** A named member of staff, whose token's subject is an account id the emails never show. */
  let greta: string;

  beforeAll(async () => {
    await sink.start();
    t = await startTestApp({ env: { SMTP_URL: sink.url, EMAIL_RETRY_BASE_MS: '50', REMINDER_CHECK_MS: '3600000' } });
    greta = t.tokenFor({ role: 'staff', userId: 'kc-7d1e-greta', name: 'Greta Desk' });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('names the member of staff who booked and who cancelled to the doctor, the role alone for a token without a name, and tells the patient in the clinic\'s voice', async () => {
    const booked = await t.http.post('/appointments', greta, bookingBody());
    expect(booked.status).toBe(201);
    const bookedToDoctor = await mailTo(sink, demo.weber.email, 'Appointment booked');
    const bookedToPatient = await mailTo(sink, demo.mia.email, 'Appointment booked');
    expect(bookedToDoctor.text).toContain('Booked by: Greta Desk (staff)\n');
    expect(bookedToDoctor.html).toContain('<th align="left">Booked by</th><td>Greta Desk (staff)</td>');
    expect(bookedToPatient.text).toContain('Your appointment with Dr. Anna Weber is booked.');
    expect(bookedToPatient.text).not.toContain('Greta');

    const unnamed = t.tokenFor({ role: 'staff' });
    expect((await t.http.post(`/appointments/${booked.body.id}/reschedule`, unnamed, { start: '2027-03-22T10:00:00+01:00' })).status).toBe(200);
    expect((await mailTo(sink, demo.weber.email, 'Appointment moved')).text).toContain('Moved by: the front desk (staff)\n');

    expect((await t.http.post(`/appointments/${booked.body.id}/cancel`, greta, { reason: 'Feeling better' })).status).toBe(200);
    const cancelledToDoctor = await mailTo(sink, demo.weber.email, 'Appointment cancelled');
    expect(cancelledToDoctor.text).toContain('Reason: Feeling better\nCancelled by: Greta Desk (staff)\n');
    expect((await mailTo(sink, demo.mia.email, 'Appointment cancelled')).text).not.toContain('Greta');

    await emailsDrained(t.dataSource);
    for (const mail of sink.received) expect(`${mail.text}${mail.html}`).not.toMatch(/kc-7d1e-greta|staff-user-/);
  });

  it('tells the doctor a patient cancelled as "the patient", whatever name their token carries', async () => {
    const booked = await t.http.post('/appointments', greta, bookingBody({ start: '2027-03-23T09:00:00+01:00', patientId: demo.lukas.id }));
    expect(booked.status).toBe(201);
    await mailTo(sink, demo.lukas.email, 'Appointment booked');
    const lukas = t.tokenFor({ role: 'patient', patientId: demo.lukas.id, name: 'Lukas (his own account)' });

    expect((await t.http.post(`/appointments/${booked.body.id}/cancel`, lukas, { reason: 'Cannot come' })).status).toBe(200);

    await eventually(() => expect(sink.to(demo.weber.email).filter((mail) => mail.subject.startsWith('Appointment cancelled'))).toHaveLength(2));
    const cancelled = sink.to(demo.weber.email).filter((mail) => mail.subject.startsWith('Appointment cancelled'))[1];
    expect(cancelled.text).toContain('Reason: Cannot come\nCancelled by: the patient\n');
    expect(cancelled.text).not.toContain('his own account');
  });

  it('names who booked a series and the colleague who cancelled it in its invitations to the doctor', async () => {
    const booked = await t.http.post('/appointment-series', greta, seriesBody());
    expect(booked.status).toBe(201);
    const seriesBooked = await mailTo(sink, demo.weber.email, 'Appointment series booked');
    expect(seriesBooked.text).toContain('Booked by: Greta Desk (staff)\n');
    expect((await mailTo(sink, demo.mia.email, 'Appointment series booked')).text).not.toContain('Greta');

    const paul = t.tokenFor({ role: 'staff', name: 'Paul Reception' });
    expect((await t.http.post(`/appointment-series/${booked.body.id}/cancel`, paul, { from: '2027-10-18', reason: 'Treatment finished' })).status).toBe(200);
    expect((await mailTo(sink, demo.weber.email, 'Appointment series cancelled')).text).toContain('Reason: Treatment finished\nCancelled by: Paul Reception (staff)\n');
  });
});
