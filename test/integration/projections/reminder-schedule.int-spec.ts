import { SUBSCRIPTIONS } from '../../../src/subscription-registry';
import { demo } from '../../support/demo';
import { inOneTransaction, projectionSpec, Query } from '../../support/projection-spec';
import { anAppointment, AppointmentStory } from './appointment-story';

interface ReminderRow {
  appointment_id: string;
  start: Date;
  due_at: Date;
  sent_at: Date | null;
  version: number;
}

const reminderRows = (query: Query, ids: readonly string[]) =>
  query(`select appointment_id, start, due_at, sent_at, version from reminders where appointment_id = any($1::uuid[]) order by start, appointment_id`, [
    ids,
  ]) as unknown as Promise<ReminderRow[]>;

const LEAD_HOURS = 24;

/** The reminder of `story`'s appointment at its current start, due LEAD_HOURS before it. */
function reminderOf(story: AppointmentStory, version: number, sentAt: Date | null = null): ReminderRow {
  const start = new Date(story.now.start);
  return { appointment_id: story.id, start, due_at: new Date(start.getTime() - LEAD_HOURS * 3_600_000), sent_at: sentAt, version };
}

/** What the reminder dispatcher writes once it has sent a reminder. */
const sentBy = (story: AppointmentStory, at: Date) => (query: Query) => query(`update reminders set sent_at = $2 where appointment_id = $1`, [story.id, at]);

describe('reminders projection (reminder-schedule)', () => {
  const reminders = projectionSpec<ReminderRow>({ subscription: SUBSCRIPTIONS.reminderSchedule, rows: reminderRows, env: { REMINDER_LEAD_HOURS: String(LEAD_HOURS) } });
  beforeAll(() => reminders.start());
  afterAll(() => reminders.stop());

  it('given no events, when an appointment is booked, then its reminder is due the lead time before its start', () => {
    const a = anAppointment();
    return reminders.given().when(a.booked()).then([reminderOf(a, 1)]);
  });

  it('given a booking, when it is rescheduled, then its reminder moves with it', () => {
    const a = anAppointment();
    const booked = a.booked();
    return reminders.given(booked).when(a.rescheduled('2027-03-25T13:00:00.000Z', '2027-03-25T13:20:00.000Z')).then([reminderOf(a, 2)]);
  });

  it('given a booking whose reminder went out, when it is rescheduled, then the reminder is due again for the new time', () => {
    const a = anAppointment();
    const booked = a.booked();
    return reminders
      .given(booked)
      .andMeanwhile(sentBy(a, new Date('2027-03-21T08:00:05.000Z')))
      .when(a.rescheduled('2027-03-29T07:00:00.000Z', '2027-03-29T07:20:00.000Z'))
      .then([reminderOf(a, 2)]);
  });

  it('given a booking whose reminder went out, when it is reassigned, then the reminder stays as it was, sent', () => {
    const a = anAppointment();
    const booked = a.booked();
    const sentAt = new Date('2027-03-21T08:00:05.000Z');
    return reminders
      .given(booked)
      .andMeanwhile(sentBy(a, sentAt))
      .when(a.reassigned({ doctorId: demo.richter.id, roomId: demo.room2.id }, 'Dr. Weber is at a conference'))
      .then([reminderOf(a, 1, sentAt)]);
  });

  it('given a booking, when the patient checks in, then its reminder is gone', () => {
    const a = anAppointment();
    const booked = a.booked();
    return reminders.given(booked).when(a.checkedIn('2027-03-22T07:55:00.000Z')).thenGone();
  });

  it('given a checked-in appointment, when it is completed, then there is still no reminder', () => {
    const a = anAppointment();
    const given = [a.booked(), a.checkedIn('2027-03-22T07:55:00.000Z')];
    return reminders.given(...given).when(a.completed('2027-03-22T08:20:00.000Z')).thenNoRow();
  });

  it('given a booking, when a no-show is recorded, then its reminder is gone', () => {
    const a = anAppointment();
    const booked = a.booked();
    return reminders.given(booked).when(a.noShow('2027-03-22T08:30:00.000Z')).thenGone();
  });

  it('given a booking, when it is cancelled, then its reminder is gone', () => {
    const a = anAppointment();
    const booked = a.booked();
    return reminders.given(booked).when(a.cancelled('Patient has the flu')).thenGone();
  });

  it('given bookings, when their changes interleave with new bookings in one transaction, then only the appointments still booked have a reminder, at their last start', () => {
    const [a, b] = [anAppointment(), anAppointment({ patientId: demo.lukas.id, start: '2027-03-22T09:00:00.000Z', end: '2027-03-22T09:20:00.000Z' })];
    const [c, d] = [anAppointment({ patientId: demo.emma.id, start: '2027-03-23T08:00:00.000Z', end: '2027-03-23T08:20:00.000Z' }), anAppointment({ roomId: demo.room2.id })];
    const given = [a.booked(), b.booked()];
    const together = inOneTransaction(
      c.booked(),
      a.rescheduled('2027-03-24T08:00:00.000Z', '2027-03-24T08:20:00.000Z'),
      d.booked(),
      b.cancelled('Moved away'),
      c.rescheduled('2027-03-23T12:00:00.000Z', '2027-03-23T12:20:00.000Z'),
      d.checkedIn('2027-03-22T07:50:00.000Z'),
      a.reassigned({ roomId: demo.room2.id }, 'Room 1 is being painted'),
    );
    return reminders.given(...given).when(together).then([reminderOf(c, 2), reminderOf(a, 2)]);
  });

  it('given reminders, one of them sent, when every event is delivered again, then no reminder changes and none is due again', () => {
    const [a, b, c] = [anAppointment(), anAppointment({ patientId: demo.lukas.id }), anAppointment({ patientId: demo.emma.id })];
    const given = [a.booked(), b.booked(), c.booked(), b.rescheduled('2027-03-30T08:00:00.000Z', '2027-03-30T08:20:00.000Z'), c.cancelled('No longer needed')];
    return reminders.given(...given).andMeanwhile(sentBy(a, new Date('2027-03-21T08:00:05.000Z'))).whenDeliveredAgain().thenUnchanged();
  });

  it('given reminders not sent yet, when the projection is rebuilt from the log, then the reminders are the same', () => {
    const [a, b, c] = [anAppointment(), anAppointment({ patientId: demo.lukas.id }), anAppointment({ patientId: demo.emma.id })];
    const given = [a.booked(), b.booked(), c.booked(), a.rescheduled('2027-03-31T08:00:00.000Z', '2027-03-31T08:20:00.000Z'), b.noShow('2027-03-22T08:30:00.000Z')];
    return reminders.given(...given).whenRebuilt().thenUnchanged();
  });
});
