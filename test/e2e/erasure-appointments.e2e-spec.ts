import { randomUUID } from 'node:crypto';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/** What only the erased patient's data contains. */
const PATIENT = { name: 'Quirinus Blaumeise', email: 'quirinus.blaumeise@mail.example', phone: '+49 30 8881234' };
const TITLE = 'Blaumeise-Title-Marker';
const MARKERS = [PATIENT.name, 'Quirinus', 'Blaumeise', PATIENT.email, 'quirinus.blaumeise', '8881234', TITLE];

function markersIn(text: string): string[] {
  return MARKERS.filter((marker) => text.includes(marker));
}

interface HistoryEntry {
  eventType: string;
  actor: { userId: string; role: string };
  correlationId: string;
  note?: string;
}

describe('Erasing a patient with appointments', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    sink = new SmtpSink();
    await sink.start();
    t = await startTestApp({
      now: '2027-03-01T08:00:00Z',
      env: { SMTP_URL: sink.url, EMAIL_MAX_ATTEMPTS: '1', EMAIL_RETRY_BASE_MS: '50', REMINDER_CHECK_MS: '3600000' },
    });
    admin = t.tokenFor({ role: 'admin', userId: 'admin-erasing' });
    staff = t.tokenFor({ role: 'staff' });
  });

  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const book = async (body: Record<string, unknown>) => {
    const response = await t.http.post('/appointments', staff, bookingBody(body));
    expect(response.status).toBe(201);
    return response;
  };
  const history = async (id: string): Promise<HistoryEntry[]> => (await t.http.get(`/appointments/${id}/history`, staff)).body.items;

  it('given upcoming, past and fulfilled appointments, when the patient is erased, then the upcoming ones are cancelled by the admin, their slots are free and only doctors are told, without personal data', async () => {
    // The patient's mailbox refuses mail for good: their emails are parked, the refusal quoting the address.
    sink.refuse.set(PATIENT.email, 550);
    const patient = (await t.http.post('/patients', admin, PATIENT)).body;
    const fulfilled = await book({ patientId: patient.id, title: TITLE, start: '2027-03-02T09:00:00+01:00' });
    const past = await book({ patientId: patient.id, title: TITLE, start: '2027-03-02T10:00:00+01:00' });
    const upcomingWeber = await book({ patientId: patient.id, title: TITLE, start: '2027-03-22T09:00:00+01:00' });
    const upcomingRichter = await book({
      patientId: patient.id,
      title: TITLE,
      doctorId: demo.richter.id,
      roomId: demo.room2.id,
      start: '2027-03-24T10:00:00+01:00',
    });

    t.clock.set(new Date('2027-03-02T08:10:00Z'));
    expect((await t.http.post(`/appointments/${fulfilled.body.id}/check-in`, staff)).status).toBe(200);
    const completed = await t.http.post(`/appointments/${fulfilled.body.id}/complete`, staff);
    expect(completed.status).toBe(200);
    // The second appointment of that morning has started: it is history, whatever its status.
    t.clock.set(new Date('2027-03-02T10:00:00Z'));

    const parkedErrors = await eventually(async () => {
      const { length } = await t.dataSource.query(`select 1 from email_outbox where status = 'pending'`);
      expect(length).toBe(0);
      const rows: Array<{ last_error: string }> = await t.dataSource.query(`select last_error from email_outbox where recipient = $1 and status = 'parked'`, [PATIENT.email]);
      expect(rows.length).toBeGreaterThanOrEqual(4);
      return rows.map((row) => row.last_error);
    });
    expect(parkedErrors.every((error) => error.includes(PATIENT.email))).toBe(true);
    await t.http.get(`/appointments/${fulfilled.body.id}`, staff, afterWrite(completed));
    const mailsBefore = sink.received.length;

    const erased = await t.http.request('DELETE', `/patients/${patient.id}`, { token: admin, headers: { 'x-correlation-id': 'erasure-of-quirinus' } });
    expect(erased.status).toBe(204);

    // One cancellation per upcoming appointment, by the admin, in the erasure's correlation.
    for (const upcoming of [upcomingWeber, upcomingRichter]) {
      const entries = await history(upcoming.body.id);
      expect(entries.map((entry) => entry.eventType)).toEqual(['AppointmentCreated', 'AppointmentCancelled']);
      // The reason is the erasure's own wording, not the patient's data: it stays readable.
      expect(entries[1]).toMatchObject({ actor: { userId: 'admin-erasing', role: 'admin' }, correlationId: 'erasure-of-quirinus', note: 'patient erased' });
      expect((await t.http.get(`/appointments/${upcoming.body.id}`, staff)).body).toMatchObject({ status: 'cancelled', patient: { id: patient.id, name: null } });
    }
    // What had started or ended is left as it was.
    expect((await history(fulfilled.body.id)).map((entry) => entry.eventType)).toEqual(['AppointmentCreated', 'AppointmentCheckedIn', 'AppointmentCompleted']);
    expect((await t.http.get(`/appointments/${fulfilled.body.id}`, staff)).body.status).toBe('fulfilled');
    expect((await history(past.body.id)).map((entry) => entry.eventType)).toEqual(['AppointmentCreated']);
    expect((await t.http.get(`/appointments/${past.body.id}`, staff)).body.status).toBe('booked');

    // The slots are free again: another patient books exactly them.
    await book({ patientId: demo.lukas.id, start: '2027-03-22T09:00:00+01:00' });
    await book({ patientId: demo.emma.id, doctorId: demo.richter.id, roomId: demo.room2.id, start: '2027-03-24T10:00:00+01:00' });

    // Each doctor learns of the cancellation, without the patient's name, the title or the address.
    const cancellationIds: string[] = (
      await t.dataSource.query(`select event_id from events where event_type = 'AppointmentCancelled' and aggregate_id = any($1::uuid[])`, [
        [upcomingWeber.body.id, upcomingRichter.body.id],
      ])
    ).map((row: { event_id: string }) => row.event_id);
    expect(cancellationIds).toHaveLength(2);
    const notices = await eventually(() => {
      const mails = sink.received.slice(mailsBefore).filter((mail) => mail.subject.startsWith('Appointment cancelled'));
      expect(mails.map((mail) => mail.to).sort()).toEqual([[demo.richter.email], [demo.weber.email]].sort());
      return mails;
    });
    for (const mail of notices) {
      expect(markersIn(`${mail.subject}\n${mail.text}\n${mail.html}\n${mail.calendar}`)).toEqual([]);
      expect(mail.text).toContain('Patient: [erased]');
      expect(mail.text).toContain('patient erased');
      expect(mail.calendar).toContain('METHOD:CANCEL');
    }
    // Nothing is written to the patient; the doctors' notices are sent, not parked by the erasure's
    // second scrub. The sender marks a message sent once the SMTP server has taken it, so the sink
    // may hold the mail a moment before its row says so.
    await eventually(async () => {
      const outboxOfCancellations: Array<{ recipient: string; status: string }> = await t.dataSource.query(
        `select recipient, status from email_outbox where split_part(dedupe_key, ':', 1) = any($1::text[]) order by recipient`,
        [cancellationIds],
      );
      expect(outboxOfCancellations).toEqual([
        { recipient: demo.weber.email, status: 'sent' },
        { recipient: demo.richter.email, status: 'sent' },
      ].sort((a, b) => a.recipient.localeCompare(b.recipient)));
    });

    // The parked emails' failures no longer quote the address; nothing in the outbox names the patient.
    const [{ outbox }] = await t.dataSource.query(`select coalesce(string_agg(o::text, E'\\n'), '') as outbox from email_outbox o`);
    expect(outbox.split('\n').filter((line: string) => markersIn(line).length > 0)).toEqual([]);
    const failures: Array<{ last_error: string }> = await t.dataSource.query(`select last_error from email_outbox where status = 'parked'`);
    expect(failures.length).toBeGreaterThanOrEqual(4);
    expect(failures.every((row) => row.last_error === '[erased]')).toBe(true);
  });

  it('given an erasure interrupted after the key and the record were erased, when it is sent again, then it finishes: the upcoming appointment is cancelled and the answer is 204', async () => {
    const patient = (await t.http.post('/patients', admin, { name: 'Interrupted Patient', email: 'interrupted@mail.example' })).body;
    const upcoming = await book({ patientId: patient.id, title: 'will be freed', start: '2027-03-25T09:00:00+01:00' });
    await t.http.get(`/appointments/${upcoming.body.id}`, staff, afterWrite(upcoming));
    // What the erasure's first transaction leaves behind when the process dies right after it.
    await t.dataSource.transaction(async (db) => {
      await db.query(
        `insert into personal_data_keys (subject_id, key, erased_at) values ($1, null, now())
         on conflict (subject_id) do update set key = null, erased_at = now()`,
        [patient.id],
      );
      await db.query(`delete from patients where id = $1`, [patient.id]);
    });

    expect((await t.http.request('DELETE', `/patients/${patient.id}`, { token: admin })).status).toBe(204);
    expect((await history(upcoming.body.id)).map((entry) => entry.eventType)).toEqual(['AppointmentCreated', 'AppointmentCancelled']);
    await book({ patientId: demo.mia.id, start: '2027-03-25T09:00:00+01:00' });

    // Sent once more it changes nothing; an id that was never a patient is still unknown.
    expect((await t.http.request('DELETE', `/patients/${patient.id}`, { token: admin })).status).toBe(204);
    expect(await history(upcoming.body.id)).toHaveLength(2);
    const unknown = await t.http.request('DELETE', `/patients/${randomUUID()}`, { token: admin });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
