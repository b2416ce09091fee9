import { randomUUID } from 'node:crypto';
import { AppointmentEvent } from '../../../src/appointments/domain/appointment.events';
import { SUBSCRIPTIONS } from '../../../src/subscription-registry';
import { demo } from '../../support/demo';
import { Appended, GIVES_UP_QUICKLY, inOneTransaction, projectionSpec, Query } from '../../support/projection-spec';
import { anAppointment } from './appointment-story';

/** What the notifier writes of a message; sending it (status, attempts, sent_at) is the sender's part. */
interface OutboxRow {
  dedupe_key: string;
  appointment_id: string;
  recipient: string;
  subject: string;
  text_body: string;
  calendar: string | null;
  correlation_id: string | null;
  message_id: string;
}

const outboxRows = (query: Query, ids: readonly string[]) =>
  query(
    `select dedupe_key, appointment_id, recipient, subject, text_body, calendar, correlation_id, message_id
     from email_outbox where appointment_id = any($1::uuid[]) order by id`,
    [ids],
  ) as unknown as Promise<OutboxRow[]>;

const SUBSCRIPTION = SUBSCRIPTIONS.emailNotifications;

type Kind = 'booked' | 'rescheduled' | 'reassigned' | 'cancelled' | 'handed-over';
type Recipient = { email: string; role: 'patient' | 'doctor' };

/** An instant as iCalendar writes it in UTC: 20270322T080000Z. */
const icsTime = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

const patient = (who: { email: string }): Recipient => ({ email: who.email, role: 'patient' });
const doctor = (who: { email: string }): Recipient => ({ email: who.email, role: 'doctor' });

/**
 * The message about `event` for one recipient: one per (event, template, recipient), so the key
 * makes a redelivery write nothing. `subject` and `text` are what the recipient reads; the
 * invitation updates (REQUEST) or removes (CANCEL) the calendar entry at the appointment's version.
 */
function message(appended: Appended, event: AppointmentEvent, kind: Kind, to: Recipient, subject: string, text: string | RegExp): OutboxRow {
  const stored = appended.of(event);
  const method = kind === 'cancelled' || kind === 'handed-over' ? 'CANCEL' : 'REQUEST';
  return {
    dedupe_key: `${stored.eventId}:${kind}:${to.role}:${to.email}`,
    appointment_id: event.data.appointmentId,
    recipient: to.email,
    subject,
    text_body: typeof text === 'string' ? text : expect.stringMatching(text),
    calendar: expect.stringMatching(
      new RegExp(`METHOD:${method}\\r\\n[\\s\\S]*UID:${event.data.appointmentId}@[^\\r]*\\r\\nSEQUENCE:${stored.version}\\r\\n[\\s\\S]*DTSTART:${icsTime(event.data.start)}\\r\\nDTEND:${icsTime(event.data.end)}\\r\\n`),
    ),
    correlation_id: stored.metadata.correlationId,
    message_id: expect.stringMatching(/^<[0-9a-f]{32}@clinic-booking>$/),
  };
}

/** The two messages of a default booking (Mia with Dr. Weber, Monday 22 March 2027 09:00 Berlin). */
function bookingMessages(appended: Appended, booked: AppointmentEvent): OutboxRow[] {
  const details = ['When: Monday 22 March 2027, 09:00–09:20 (Europe/Berlin)', 'Doctor: Dr. Anna Weber', 'Patient: Mia Schneider', 'Room: Consultation room 1', 'Type: Consultation', 'About: Persistent cough'];
  const text = (hello: string, headline: string, author: string[] = []) => [`Hello ${hello},`, '', headline, '', ...details, ...author, '', 'Clinic', ''].join('\n');
  const subject = 'Appointment booked: Monday 22 March 2027, 09:00';
  // The doctor reads who booked (the stories' actor is a staff token without a name); the patient is not told.
  return [
    message(appended, booked, 'booked', patient(demo.mia), subject, text('Mia Schneider', 'Your appointment with Dr. Anna Weber is booked.')),
    message(appended, booked, 'booked', doctor(demo.weber), subject, text('Dr. Anna Weber', 'Mia Schneider is booked with you.', ['Booked by: the front desk (staff)'])),
  ];
}

describe('email_outbox, the messages of the email notifier (email-notifications)', () => {
  const outbox = projectionSpec<OutboxRow>({ subscription: SUBSCRIPTION, rows: outboxRows, env: GIVES_UP_QUICKLY });
  beforeAll(() => outbox.start());
  afterAll(() => outbox.stop());

  it('given no events, when an appointment is booked, then the patient and the doctor each get a booking with an invitation', () => {
    const a = anAppointment();
    const booked = a.booked();
    return outbox
      .given()
      .when(booked)
      .then((rows, appended) => expect(rows).toEqual(bookingMessages(appended, booked)));
  });

  it('given a booking, when it is rescheduled, then both are told it moved from the old time, with the invitation at the new one', () => {
    const a = anAppointment();
    const booked = a.booked();
    const moved = a.rescheduled('2027-03-23T09:00:00.000Z', '2027-03-23T09:20:00.000Z');
    const subject = 'Appointment moved: Tuesday 23 March 2027, 10:00';
    return outbox
      .given(booked)
      .when(moved)
      .then((rows, appended) =>
        expect(rows).toEqual([
          ...bookingMessages(appended, booked),
          message(appended, moved, 'rescheduled', patient(demo.mia), subject, /^Hello Mia Schneider,\n\nThe appointment with Dr. Anna Weber has moved from Monday 22 March 2027, 09:00\.\n\nWhen: Tuesday 23 March 2027, 10:00–10:20/),
          message(appended, moved, 'rescheduled', doctor(demo.weber), subject, /^Hello Dr. Anna Weber,\n\nThe appointment with Mia Schneider has moved from Monday 22 March 2027, 09:00\.\n/),
        ]),
      );
  });

  it('given a booking, when it is reassigned to another doctor, then the patient and the new doctor are told and the previous doctor gets a cancellation', () => {
    const a = anAppointment();
    const booked = a.booked();
    const reassigned = a.reassigned({ doctorId: demo.richter.id, roomId: demo.room2.id }, 'Dr. Weber is at a conference');
    const subject = 'Appointment reassigned: Monday 22 March 2027, 09:00';
    return outbox
      .given(booked)
      .when(reassigned)
      .then((rows, appended) =>
        expect(rows).toEqual([
          ...bookingMessages(appended, booked),
          message(appended, reassigned, 'reassigned', patient(demo.mia), subject, /Your appointment is now with Dr\. Jonas Richter in Consultation room 2\.[\s\S]*\nComment: Dr\. Weber is at a conference\n/),
          message(appended, reassigned, 'reassigned', doctor(demo.richter), subject, /^Hello Dr\. Jonas Richter,\n\nThe appointment with Mia Schneider is now yours\./),
          message(appended, reassigned, 'handed-over', doctor(demo.weber), 'Appointment handed over: Monday 22 March 2027, 09:00', /^Hello Dr\. Anna Weber,\n\nThe appointment with Mia Schneider was handed over to another doctor\./),
        ]),
      );
  });

  it('given a booking, when only its room changes, then the patient and the same doctor are told, and nobody gets a hand-over', () => {
    const a = anAppointment();
    const booked = a.booked();
    const reassigned = a.reassigned({ roomId: demo.treatmentRoom.id }, 'Needs the couch');
    const subject = 'Appointment reassigned: Monday 22 March 2027, 09:00';
    return outbox
      .given(booked)
      .when(reassigned)
      .then((rows, appended) =>
        expect(rows).toEqual([
          ...bookingMessages(appended, booked),
          message(appended, reassigned, 'reassigned', patient(demo.mia), subject, /Your appointment is now with Dr\. Anna Weber in Treatment room\./),
          message(appended, reassigned, 'reassigned', doctor(demo.weber), subject, /The appointment with Mia Schneider is now yours\./),
        ]),
      );
  });

  it('given a booking, when the patient checks in, the visit is completed and another is a no-show, then nobody is written to', () => {
    const [a, b] = [anAppointment(), anAppointment({ patientId: demo.lukas.id })];
    const [aBooked, bBooked] = [a.booked(), b.booked()];
    return outbox
      .given(aBooked, bBooked)
      .when(a.checkedIn('2027-03-22T07:55:00.000Z'), a.completed('2027-03-22T08:20:00.000Z'), b.noShow('2027-03-22T08:30:00.000Z'))
      .then((rows, appended) => {
        expect(rows.filter((row) => row.appointment_id === a.id)).toEqual(bookingMessages(appended, aBooked));
        expect(rows.filter((row) => row.appointment_id === b.id).map((row) => row.dedupe_key)).toEqual([
          `${appended.of(bBooked).eventId}:booked:patient:${demo.lukas.email}`,
          `${appended.of(bBooked).eventId}:booked:doctor:${demo.weber.email}`,
        ]);
      });
  });

  it('given a booking, when it is cancelled, then both get a cancellation with the reason that removes the calendar entry', () => {
    const a = anAppointment();
    const booked = a.booked();
    const cancelled = a.cancelled('Patient has the flu');
    const subject = 'Appointment cancelled: Monday 22 March 2027, 09:00';
    return outbox
      .given(booked)
      .when(cancelled)
      .then((rows, appended) =>
        expect(rows).toEqual([
          ...bookingMessages(appended, booked),
          message(appended, cancelled, 'cancelled', patient(demo.mia), subject, /The appointment with Dr\. Anna Weber is cancelled\.[\s\S]*\nReason: Patient has the flu\n/),
          message(appended, cancelled, 'cancelled', doctor(demo.weber), subject, /The appointment with Mia Schneider is cancelled\.[\s\S]*\nReason: Patient has the flu\n/),
        ]),
      );
  });

  it('given one booking, when another is booked and the first cancelled in one transaction, then each event gets its messages, in order', () => {
    const a = anAppointment();
    const b = anAppointment({ patientId: demo.emma.id, start: '2027-03-22T09:00:00.000Z', end: '2027-03-22T09:20:00.000Z' });
    const aBooked = a.booked();
    const bBooked = b.booked();
    const aCancelled = a.cancelled('Moved away');
    return outbox
      .given(aBooked)
      .when(inOneTransaction(bBooked, aCancelled))
      .then((rows, appended) =>
        expect(rows.map((row) => [row.appointment_id, row.dedupe_key])).toEqual([
          [a.id, `${appended.of(aBooked).eventId}:booked:patient:${demo.mia.email}`],
          [a.id, `${appended.of(aBooked).eventId}:booked:doctor:${demo.weber.email}`],
          [b.id, `${appended.of(bBooked).eventId}:booked:patient:${demo.emma.email}`],
          [b.id, `${appended.of(bBooked).eventId}:booked:doctor:${demo.weber.email}`],
          [a.id, `${appended.of(aCancelled).eventId}:cancelled:patient:${demo.mia.email}`],
          [a.id, `${appended.of(aCancelled).eventId}:cancelled:doctor:${demo.weber.email}`],
        ]),
      );
  });

  it('given messages written, when every event is delivered again, then no message is written twice', () => {
    const [a, b] = [anAppointment(), anAppointment({ patientId: demo.lukas.id })];
    const given = [a.booked(), b.booked(), a.reassigned({ doctorId: demo.richter.id }, 'Cardiology first'), b.cancelled('Feeling better')];
    return outbox.given(...given).whenDeliveredAgain().thenUnchanged();
  });

  it('given the email notifier, when a rebuild of it is asked for, then it is refused: messages that went out are not written again from the log', async () => {
    await expect(outbox.rebuild()).rejects.toThrow(SUBSCRIPTION);
  });

  it('given no events, when a booking names a doctor there is no record of, then that event is parked and the next booking is still written', () => {
    const unknownDoctor = anAppointment({ doctorId: randomUUID() });
    const a = anAppointment();
    const parked = unknownDoctor.booked();
    const booked = a.booked();
    return outbox
      .given()
      .when(parked, booked)
      .then(async (rows, appended) => {
        expect(rows).toEqual(bookingMessages(appended, booked));
        const deadLetters = await outbox.query(`select position::int as position, event_type, attempts, failure from dead_letters where subscription = $1 and event_id = $2`, [
          SUBSCRIPTION,
          appended.of(parked).eventId,
        ]);
        expect(deadLetters).toEqual([{ position: appended.of(parked).position, event_type: 'AppointmentCreated', attempts: 2, failure: expect.stringContaining(unknownDoctor.now.doctorId) }]);
      });
  });
});
