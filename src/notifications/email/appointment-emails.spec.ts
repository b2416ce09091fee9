import { RecordedActor } from '../../shared/auth/actor';
import { AppointmentEmailFacts, composeAppointmentEmail, EmailKind } from './appointment-emails';

const GRETA: RecordedActor = { userId: 'kc-5f3e9a', role: 'staff', name: 'Greta Desk' };

const TO_DOCTOR = { name: 'Dr. Anna Weber', email: 'weber@clinic.example', role: 'doctor' as const };
const TO_PATIENT = { name: 'Mia Schneider', email: 'mia@example.org', role: 'patient' as const };

function email(kind: EmailKind, recipient: AppointmentEmailFacts['recipient'], author: RecordedActor | null = GRETA, extra: Partial<AppointmentEmailFacts> = {}) {
  return composeAppointmentEmail({
    kind,
    appointmentId: 'a0000000-0000-4000-8000-000000000001',
    version: 1,
    occurredAt: '2027-03-01T10:00:00.000Z',
    start: '2027-03-22T08:00:00.000Z',
    end: '2027-03-22T08:20:00.000Z',
    timezone: 'Europe/Berlin',
    doctorName: 'Dr. Anna Weber',
    roomName: 'Consultation room 1',
    appointmentTypeName: 'Consultation',
    title: 'Check-up',
    recipient,
    patientName: 'Mia Schneider',
    clinic: { name: 'Clinic', email: 'no-reply@clinic.example' },
    author,
    ...extra,
  });
}

describe('Appointment emails: who made the change', () => {
  it('given a booking by a named member of staff, then the doctor reads who booked it, in text and HTML', () => {
    const { text, html } = email('booked', TO_DOCTOR);

    expect(text).toContain('Mia Schneider is booked with you.');
    expect(text).toContain('Booked by: Greta Desk (staff)\n');
    expect(html).toContain('<tr><th align="left">Booked by</th><td>Greta Desk (staff)</td></tr>');
    expect(text).not.toContain('kc-5f3e9a');
  });

  it('given each kind of change, then the doctor reads it with its own verb, after the reason or comment', () => {
    expect(email('rescheduled', TO_DOCTOR, GRETA, { previousStart: '2027-03-22T07:00:00.000Z' }).text).toContain('Moved by: Greta Desk (staff)\n');
    expect(email('reassigned', TO_DOCTOR, GRETA, { note: 'Cover' }).text).toContain('Comment: Cover\nReassigned by: Greta Desk (staff)\n');
    expect(email('cancelled', TO_DOCTOR, GRETA, { note: 'Feeling better' }).text).toContain('Reason: Feeling better\nCancelled by: Greta Desk (staff)\n');
    expect(email('handed-over', TO_DOCTOR).text).toContain('Handed over by: Greta Desk (staff)\n');
  });

  it('given a cancellation by the patient, then the doctor reads "the patient", not the account', () => {
    const { text } = email('cancelled', TO_DOCTOR, { userId: 'patient-user-3', role: 'patient' }, { note: 'Feeling better' });

    expect(text).toContain('Cancelled by: the patient\n');
    expect(text).not.toContain('patient-user-3');
  });

  it('given a change by a token without a name, then the doctor reads the role in the clinic\'s words', () => {
    expect(email('booked', TO_DOCTOR, { userId: 'staff-user-1', role: 'staff' }).text).toContain('Booked by: the front desk (staff)\n');
  });

  it('given a name with markup, then the HTML body escapes it', () => {
    const { html } = email('booked', TO_DOCTOR, { userId: 'kc-1', role: 'staff', name: '<b>Greta</b>' });

    expect(html).toContain('<td>&lt;b&gt;Greta&lt;/b&gt; (staff)</td>');
  });

  it('given a message to the patient, then it names no one at the clinic', () => {
    const { text, html } = email('booked', TO_PATIENT);

    expect(text).toContain('Your appointment with Dr. Anna Weber is booked.');
    expect(`${text}${html}`).not.toMatch(/Greta Desk|Booked by/);
  });

  it('given a reminder, which no one made, then no one is named', () => {
    const { text } = email('reminder', TO_PATIENT, null);

    expect(text).toContain('This is a reminder of your appointment with Dr. Anna Weber.');
    expect(text).not.toContain(' by:');
  });
});
