import { AppointmentCancelled, AppointmentReassigned, AppointmentRescheduled } from '../../appointments/domain/appointment.events';
import { AppointmentSeriesBookedData } from '../../appointments/domain/series.events';
import { RecordedActor } from '../../shared/auth/actor';
import { expandRecurringInvite } from '../../../test/support/recurring-calendar';
import { composeSeriesEmail, SeriesEmailFacts } from './series-emails';
import { afterOccurrenceChanged, afterSeriesCancelled, invitationOfBookedSeries, SeriesChange, SeriesInvitation } from './series-invitation';

const SERIES = '5e000000-0000-4000-8000-000000000001';
const WEBER = '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01';
const RICHTER = '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c02';
const MIA = '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001';
const ROOM_1 = '9c8d7e60-2a3b-4c5d-8e6f-7a8b9c0d0001';
const ROOM_2 = '9c8d7e60-2a3b-4c5d-8e6f-7a8b9c0d0002';
const CONSULTATION = 'b1a2c3d4-0e1f-4a2b-9c3d-4e5f6a7b0001';
const occurrenceId = (n: number) => `0cc00000-0000-4000-8000-00000000000${n}`;

/** Weekly from Monday 18 October 2027, 09:00 in Berlin, 20 minutes: summer time ends on 31 October. */
const STARTS = ['2027-10-18T07:00:00.000Z', '2027-10-25T07:00:00.000Z', '2027-11-01T08:00:00.000Z', '2027-11-08T08:00:00.000Z'];
const plus20 = (iso: string) => new Date(Date.parse(iso) + 20 * 60_000).toISOString();

function booked(overrides: Partial<AppointmentSeriesBookedData> = {}): AppointmentSeriesBookedData {
  return {
    seriesId: SERIES,
    doctorId: WEBER,
    patientId: MIA,
    roomId: ROOM_1,
    appointmentTypeId: CONSULTATION,
    title: 'Physiotherapy, knee',
    timezone: 'Europe/Berlin',
    localTime: '09:00',
    recurrence: { frequency: 'weekly', interval: 1, count: 4, until: null },
    occurrences: STARTS.map((start, index) => ({ appointmentId: occurrenceId(index + 1), start, end: plus20(start) })),
    ...overrides,
  };
}

const facts = (n: number, change: Partial<{ start: string; end: string; doctorId: string; roomId: string }> = {}) => ({
  appointmentId: occurrenceId(n),
  doctorId: WEBER,
  patientId: MIA,
  roomId: ROOM_1,
  appointmentTypeId: CONSULTATION,
  start: STARTS[n - 1],
  end: plus20(STARTS[n - 1]),
  seriesId: SERIES,
  ...change,
});

const NAMES: Record<string, string> = { [WEBER]: 'Dr. Anna Weber', [RICHTER]: 'Dr. Jonas Richter', [ROOM_1]: 'Consultation room 1', [ROOM_2]: 'Consultation room 2' };

const GRETA: RecordedActor = { userId: 'kc-5f3e9a', role: 'staff', name: 'Greta Desk' };

function email(invitation: SeriesInvitation, change: SeriesChange, role: 'patient' | 'doctor', author: RecordedActor = GRETA) {
  const input: SeriesEmailFacts = {
    invitation,
    change,
    occurredAt: '2027-10-01T10:00:00.000Z',
    title: 'Physiotherapy, knee',
    patientName: 'Mia Schneider',
    appointmentTypeName: 'Consultation',
    doctorName: (id) => NAMES[id],
    roomName: (id) => NAMES[id],
    recipient: role === 'patient' ? { name: 'Mia Schneider', email: 'mia@example.org', role } : { name: 'Dr. Anna Weber', email: 'weber@clinic.example', role },
    clinic: { name: 'Clinic', email: 'no-reply@clinic.example' },
    author,
  };
  const composed = composeSeriesEmail(input);
  return { ...composed, invite: expandRecurringInvite(composed.calendar!) };
}

function changed(invitation: SeriesInvitation, event: AppointmentRescheduled | AppointmentReassigned | AppointmentCancelled) {
  const after = afterOccurrenceChanged(invitation, event);
  if (!after) throw new Error('not an occurrence of the series');
  return after;
}

const cancelledAlone = (n: number) => new AppointmentCancelled({ ...facts(n), reason: 'Away that week', previousStatus: 'booked' });

describe('Series invitations', () => {
  it('given a weekly series across the end of summer time, when it is booked, then one recurring entry in the doctor zone repeats at 09:00 local: 07:00 UTC, then 08:00', () => {
    const invitation = invitationOfBookedSeries(booked());

    const { subject, text, invite, calendar } = email(invitation, { kind: 'booked' }, 'patient');

    expect(calendar).toContain('RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=4\r\n');
    expect(calendar).toContain('DTSTART;TZID=Europe/Berlin:20271018T090000\r\n');
    expect(invite).toMatchObject({ method: 'REQUEST', uid: `${SERIES}@clinic-booking`, sequence: 0, status: 'CONFIRMED', tzid: 'Europe/Berlin', timezone: 'Europe/Berlin', exdates: [], overrides: 0 });
    expect(invite.occurrences.map(({ start, end, local }) => ({ start, end, local }))).toEqual(STARTS.map((start) => ({ start, end: plus20(start), local: '09:00' })));
    expect(subject).toBe('Appointment series booked: Monday 18 October 2027, 09:00');
    expect(text).toContain('Your appointments with Dr. Anna Weber are booked every week on Monday at 09:00 (Europe/Berlin), 4 times.');
    expect(text).toContain('Appointment 3: Monday 1 November 2027, 09:00–09:20\n');
    expect(text).toContain('About: Physiotherapy, knee\n');
  });

  it('given a series booked every 2 weeks until a date, when its invitation is composed, then the rule ends with UNTIL in UTC at the start of its last occurrence', () => {
    const starts = [STARTS[0], STARTS[2]];
    const invitation = invitationOfBookedSeries(
      booked({ recurrence: { frequency: 'weekly', interval: 2, count: null, until: '2027-11-10' }, occurrences: starts.map((start, i) => ({ appointmentId: occurrenceId(i + 1), start, end: plus20(start) })) }),
    );

    const { invite, text } = email(invitation, { kind: 'booked' }, 'doctor');

    expect(invite.rrule).toBe('FREQ=WEEKLY;INTERVAL=2;UNTIL=20271101T080000Z');
    expect(invite.occurrences.map(({ start }) => start)).toEqual(starts);
    expect(text).toContain('Mia Schneider is booked with you every 2 weeks on Monday at 09:00 (Europe/Berlin), 2 times.');
  });

  it('given a booked series, when one occurrence is cancelled alone, then the update has SEQUENCE 1 and an EXDATE for it, and the others stay', () => {
    const { invitation, change } = changed(invitationOfBookedSeries(booked()), cancelledAlone(3));

    const { subject, text, invite } = email(invitation, change, 'patient');

    expect(invite).toMatchObject({ method: 'REQUEST', sequence: 1, exdates: [STARTS[2]], overrides: 0 });
    expect(invite.occurrences.map(({ start }) => start)).toEqual([STARTS[0], STARTS[1], STARTS[3]]);
    expect(subject).toBe('Appointment series changed: Monday 18 October 2027, 09:00');
    expect(text).toContain('The appointment with Dr. Anna Weber of Monday 1 November 2027, 09:00 is cancelled; the others stay as they are.');
    expect(text).toContain('Appointment 3: Monday 1 November 2027, 09:00–09:20 (cancelled)\n');
    expect(text).toContain('Reason: Away that week\n');
  });

  it('given a series, when an occurrence is moved, then the update overrides it at its original start (RECURRENCE-ID) with the new time', () => {
    const moved = facts(2, { start: '2027-10-26T12:00:00.000Z', end: '2027-10-26T12:20:00.000Z' });
    const { invitation, change } = changed(invitationOfBookedSeries(booked()), new AppointmentRescheduled({ ...moved, previousStart: STARTS[1], previousEnd: plus20(STARTS[1]) }));

    const { invite, text } = email(invitation, change, 'doctor');

    expect(invite).toMatchObject({ sequence: 1, exdates: [], overrides: 1 });
    expect(invite.occurrences[1]).toMatchObject({ recurrenceId: STARTS[1], start: '2027-10-26T12:00:00.000Z', end: '2027-10-26T12:20:00.000Z', local: '14:00', sequence: 1 });
    expect(invite.occurrences.map(({ start }) => start)).toEqual([STARTS[0], '2027-10-26T12:00:00.000Z', STARTS[2], STARTS[3]]);
    expect(text).toContain('The appointment with Mia Schneider of Monday 25 October 2027, 09:00 has moved to Tuesday 26 October 2027, 14:00.');
  });

  it('given a series, when an occurrence is handed to another doctor and room, then the patient sees it overridden with them, and the series doctor no longer has it', () => {
    const reassigned = new AppointmentReassigned({ ...facts(1, { doctorId: RICHTER, roomId: ROOM_2 }), previousDoctorId: WEBER, previousRoomId: ROOM_1, comment: 'Dr. Weber at a congress' });
    const { invitation, change } = changed(invitationOfBookedSeries(booked()), reassigned);

    const toPatient = email(invitation, change, 'patient');
    const toDoctor = email(invitation, change, 'doctor');

    expect(toPatient.invite.occurrences[0]).toMatchObject({ start: STARTS[0], summary: 'Consultation: Dr. Jonas Richter', location: 'Consultation room 2' });
    expect(toPatient.invite.occurrences[1]).toMatchObject({ summary: 'Consultation: Dr. Anna Weber', location: 'Consultation room 1' });
    expect(toPatient.text).toContain('The appointment of Monday 18 October 2027, 09:00 is now with Dr. Jonas Richter in Consultation room 2.');
    expect(toDoctor.invite).toMatchObject({ exdates: [STARTS[0]], overrides: 0 });
    expect(toDoctor.invite.occurrences).toHaveLength(3);
    expect(toDoctor.text).toContain('Appointment 1: Monday 18 October 2027, 09:00–09:20 (handed over to Dr. Jonas Richter)\n');
    expect(toDoctor.text).toContain('Comment: Dr. Weber at a congress\n');
  });

  it('given a series with an occurrence cancelled alone, when the series is cancelled from the third, then the rule ends after the second and the EXDATE before it stays', () => {
    const alone = changed(invitationOfBookedSeries(booked()), cancelledAlone(2)).invitation;
    const { invitation, change } = afterSeriesCancelled(alone, { seriesId: SERIES, patientId: MIA, from: '2027-11-01', reason: 'Treatment finished', cancelledAppointmentIds: [occurrenceId(3), occurrenceId(4)] });

    const { invite, text, subject } = email(invitation, change, 'patient');

    expect(invite).toMatchObject({ method: 'REQUEST', sequence: 2, rrule: 'FREQ=WEEKLY;COUNT=1', exdates: [] });
    expect(invite.occurrences.map(({ start }) => start)).toEqual([STARTS[0]]);
    expect(subject).toBe('Appointment series changed: Monday 18 October 2027, 09:00');
    expect(text).toContain('from Monday 1 November 2027 on are cancelled: the series ends with the one of Monday 18 October 2027, 09:00.');
  });

  it('given a series, when it is cancelled from its second occurrence, then the rule keeps the first', () => {
    const { invitation, change } = afterSeriesCancelled(invitationOfBookedSeries(booked()), {
      seriesId: SERIES,
      patientId: MIA,
      from: '2027-10-25',
      reason: 'Treatment finished',
      cancelledAppointmentIds: [occurrenceId(2), occurrenceId(3), occurrenceId(4)],
    });

    expect(email(invitation, change, 'doctor').invite).toMatchObject({ method: 'REQUEST', sequence: 1, rrule: 'FREQ=WEEKLY;COUNT=1' });
  });

  it('given a series, when it is cancelled from its first occurrence, then the whole series is cancelled (METHOD:CANCEL under its UID)', () => {
    const { invitation, change } = afterSeriesCancelled(invitationOfBookedSeries(booked()), {
      seriesId: SERIES,
      patientId: MIA,
      from: '2027-10-18',
      reason: 'Moved away',
      cancelledAppointmentIds: STARTS.map((_, i) => occurrenceId(i + 1)),
    });

    const { invite, subject, text } = email(invitation, change, 'patient');

    expect(invite).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: `${SERIES}@clinic-booking`, sequence: 1, rrule: 'FREQ=WEEKLY;COUNT=4' });
    expect(subject).toBe('Appointment series cancelled: Monday 18 October 2027, 09:00');
    expect(text).toContain('The appointments with Dr. Anna Weber are cancelled.');
  });

  it('given a series, when an appointment of no occurrence of it changes, then the invitation has nothing to say', () => {
    const other = new AppointmentCancelled({ ...facts(1), appointmentId: '0cc00000-0000-4000-8000-000000000099', reason: 'x', previousStatus: 'booked' });

    expect(afterOccurrenceChanged(invitationOfBookedSeries(booked()), other)).toBeNull();
  });

  it('given a series booked by a named member of staff, when its invitations are composed, then the doctor is told who booked it and the patient is not', () => {
    const invitation = invitationOfBookedSeries(booked());

    const toDoctor = email(invitation, { kind: 'booked' }, 'doctor');
    const toPatient = email(invitation, { kind: 'booked' }, 'patient');

    expect(toDoctor.text).toContain('Booked by: Greta Desk (staff)\n');
    expect(toDoctor.html).toContain('<tr><th align="left">Booked by</th><td>Greta Desk (staff)</td></tr>');
    expect(toPatient.text).not.toContain('Greta Desk');
    expect(toPatient.text).not.toContain('Booked by');
    expect(toDoctor.text).not.toContain('kc-5f3e9a');
  });

  it('given a series, when an occurrence is moved by a doctor without a name and another cancelled by the patient, then the doctor reads the role and "the patient"', () => {
    const moved = facts(2, { start: '2027-10-26T12:00:00.000Z', end: '2027-10-26T12:20:00.000Z' });
    const afterMove = changed(invitationOfBookedSeries(booked()), new AppointmentRescheduled({ ...moved, previousStart: STARTS[1], previousEnd: plus20(STARTS[1]) }));
    const afterCancel = changed(afterMove.invitation, cancelledAlone(3));

    const movedMail = email(afterMove.invitation, afterMove.change, 'doctor', { userId: 'doctor-7', role: 'doctor' });
    const cancelledMail = email(afterCancel.invitation, afterCancel.change, 'doctor', { userId: 'patient-9', role: 'patient' });

    expect(movedMail.text).toContain('Moved by: a doctor of the clinic (doctor)\n');
    expect(cancelledMail.text).toContain('Cancelled by: the patient\n');
    expect(`${movedMail.text}${cancelledMail.text}`).not.toMatch(/doctor-7|patient-9/);
  });

  it('given a series, when it is cancelled by a named administrator, then the doctor is told who cancelled it', () => {
    const { invitation, change } = afterSeriesCancelled(invitationOfBookedSeries(booked()), {
      seriesId: SERIES,
      patientId: MIA,
      from: '2027-10-18',
      reason: 'Moved away',
      cancelledAppointmentIds: STARTS.map((_, i) => occurrenceId(i + 1)),
    });

    expect(email(invitation, change, 'doctor', { userId: 'admin-1', role: 'admin', name: 'Ada Admin' }).text).toContain('Cancelled by: Ada Admin (admin)\n');
  });
});
