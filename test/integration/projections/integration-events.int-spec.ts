import { AppointmentEvent } from '../../../src/appointments/domain/appointment.events';
import { AppointmentStatus } from '../../../src/appointments/domain/appointment.state';
import { SUBSCRIPTIONS } from '../../../src/subscription-registry';
import { demo } from '../../support/demo';
import { Appended, inOneTransaction, projectionSpec, Query } from '../../support/projection-spec';
import { anAppointment } from './appointment-story';

interface FeedRow {
  position: number;
  event_id: string;
  event_type: string;
  appointment_id: string;
  source_event_id: string;
  event: Record<string, unknown>;
}

const feedRows = (query: Query, ids: readonly string[]) =>
  query(
    `select position::int as position, event_id, event_type, appointment_id, source_event_id, event
     from integration_events where appointment_id = any($1::uuid[]) order by position`,
    [ids],
  ) as unknown as Promise<FeedRow[]>;

/** A name-based (version 5) UUID: the same source event always gets the same public id. */
const NAME_BASED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The public event an internal one becomes, as an HL7 FHIR Appointment with references only. */
function published(appended: Appended, event: AppointmentEvent, type: string, status: AppointmentStatus): Omit<FeedRow, 'position'> {
  const stored = appended.of(event);
  const { appointmentId, doctorId, patientId, roomId, appointmentTypeId, start, end } = event.data;
  const time = stored.occurredAt.toISOString();
  const participant = (kind: string, id: string) => ({ actor: { reference: `${kind}/${id}`, type: kind }, required: 'required', status: 'accepted' });
  const id = expect.stringMatching(NAME_BASED_UUID) as unknown as string;
  return {
    event_id: id,
    event_type: type,
    appointment_id: appointmentId,
    source_event_id: stored.eventId,
    event: {
      id,
      type,
      time,
      appointmentId,
      payload: {
        resourceType: 'Appointment',
        id: appointmentId,
        meta: { versionId: String(stored.version), lastUpdated: time },
        status,
        appointmentType: { coding: [{ system: 'urn:clinic:appointment-type', code: appointmentTypeId }] },
        start,
        end,
        minutesDuration: (Date.parse(end) - Date.parse(start)) / 60_000,
        participant: [participant('Patient', patientId), participant('Practitioner', doctorId), participant('Location', roomId)],
      },
    },
  };
}

/** The rows are `expected` at consecutive positions of the feed, each with the public id it names. */
function inFeedOrder(rows: FeedRow[], expected: Array<Omit<FeedRow, 'position'>>): void {
  const first = rows[0]?.position ?? 0;
  expect(rows).toEqual(expected.map((row, n) => ({ position: first + n, ...row })));
  for (const row of rows) expect(row.event.id).toBe(row.event_id);
}

describe('integration_events feed (integration-events)', () => {
  const feed = projectionSpec<FeedRow>({ subscription: SUBSCRIPTIONS.integrationEvents, rows: feedRows });
  beforeAll(() => feed.start());
  afterAll(() => feed.stop());

  it('given no events, when an appointment is booked, then the feed has its appointment.booked.v1', () => {
    const a = anAppointment();
    const booked = a.booked();
    return feed
      .given()
      .when(booked)
      .then((rows, appended) => inFeedOrder(rows, [published(appended, booked, 'appointment.booked.v1', 'booked')]));
  });

  it('given a booking, when it is rescheduled, then the feed adds appointment.rescheduled.v1 with the new times, still booked', () => {
    const a = anAppointment();
    const booked = a.booked();
    const moved = a.rescheduled('2027-03-23T09:00:00.000Z', '2027-03-23T09:40:00.000Z');
    return feed
      .given(booked)
      .when(moved)
      .then((rows, appended) =>
        inFeedOrder(rows, [published(appended, booked, 'appointment.booked.v1', 'booked'), published(appended, moved, 'appointment.rescheduled.v1', 'booked')]),
      );
  });

  it('given a booking, when it is reassigned, then the feed adds appointment.reassigned.v1 naming the new practitioner and location, without the comment', () => {
    const a = anAppointment();
    const booked = a.booked();
    const reassigned = a.reassigned({ doctorId: demo.richter.id, roomId: demo.room2.id }, 'Dr. Weber is at a conference');
    return feed
      .given(booked)
      .when(reassigned)
      .then((rows, appended) => {
        inFeedOrder(rows, [published(appended, booked, 'appointment.booked.v1', 'booked'), published(appended, reassigned, 'appointment.reassigned.v1', 'booked')]);
        expect(JSON.stringify(rows)).not.toContain('conference');
      });
  });

  it('given a booking, when the patient checks in and it is completed, then the feed adds appointment.checked-in.v1 and appointment.fulfilled.v1', () => {
    const a = anAppointment();
    const booked = a.booked();
    const checkedIn = a.checkedIn('2027-03-22T07:55:00.000Z');
    const completed = a.completed('2027-03-22T08:20:00.000Z');
    return feed
      .given(booked)
      .when(checkedIn, completed)
      .then((rows, appended) =>
        inFeedOrder(rows, [
          published(appended, booked, 'appointment.booked.v1', 'booked'),
          published(appended, checkedIn, 'appointment.checked-in.v1', 'checked-in'),
          published(appended, completed, 'appointment.fulfilled.v1', 'fulfilled'),
        ]),
      );
  });

  it('given a booking, when a no-show is recorded, then the feed adds appointment.noshow.v1', () => {
    const a = anAppointment();
    const booked = a.booked();
    const noShow = a.noShow('2027-03-22T08:30:00.000Z');
    return feed
      .given(booked)
      .when(noShow)
      .then((rows, appended) =>
        inFeedOrder(rows, [published(appended, booked, 'appointment.booked.v1', 'booked'), published(appended, noShow, 'appointment.noshow.v1', 'noshow')]),
      );
  });

  it('given a booking, when it is cancelled, then the feed adds appointment.cancelled.v1 without the reason or the title', () => {
    const a = anAppointment();
    const booked = a.booked();
    const cancelled = a.cancelled('Patient has the flu');
    return feed
      .given(booked)
      .when(cancelled)
      .then((rows, appended) => {
        inFeedOrder(rows, [published(appended, booked, 'appointment.booked.v1', 'booked'), published(appended, cancelled, 'appointment.cancelled.v1', 'cancelled')]);
        expect(JSON.stringify(rows)).not.toMatch(/flu|Persistent cough/);
      });
  });

  it('given a booking, when changes of several appointments interleave in one transaction, then the feed has them in that order, without gaps', () => {
    const [a, b] = [anAppointment(), anAppointment({ patientId: demo.lukas.id, start: '2027-03-22T09:00:00.000Z', end: '2027-03-22T09:20:00.000Z' })];
    const aBooked = a.booked();
    const bBooked = b.booked();
    const aMoved = a.rescheduled('2027-03-22T10:00:00.000Z', '2027-03-22T10:20:00.000Z');
    const bCheckedIn = b.checkedIn('2027-03-22T08:55:00.000Z');
    const aCancelled = a.cancelled('Moved away');
    return feed
      .given(aBooked)
      .when(inOneTransaction(bBooked, aMoved, bCheckedIn, aCancelled))
      .then((rows, appended) =>
        inFeedOrder(rows, [
          published(appended, aBooked, 'appointment.booked.v1', 'booked'),
          published(appended, bBooked, 'appointment.booked.v1', 'booked'),
          published(appended, aMoved, 'appointment.rescheduled.v1', 'booked'),
          published(appended, bCheckedIn, 'appointment.checked-in.v1', 'checked-in'),
          published(appended, aCancelled, 'appointment.cancelled.v1', 'cancelled'),
        ]),
      );
  });

  it('given published events, when every event is delivered again, then no row of the feed changes', () => {
    const [a, b] = [anAppointment(), anAppointment({ patientId: demo.emma.id })];
    const given = [a.booked(), b.booked(), a.reassigned({ roomId: demo.treatmentRoom.id }, 'Needs the couch'), b.noShow('2027-03-22T08:30:00.000Z')];
    return feed.given(...given).whenDeliveredAgain().thenUnchanged();
  });

  it('given published events, when every event is delivered again, then the whole feed still holds each event of the log once, at positions 1, 2, 3, ... in commit order', () => {
    const a = anAppointment({ patientId: demo.lukas.id });
    return feed
      .given(a.booked(), a.cancelled('Feeling better'))
      .whenDeliveredAgain()
      .then(async () => {
        const whole = await feed.query(`select position::int as position, source_event_id from integration_events order by position`);
        const log = await feed.query(`select event_id from events order by transaction_id, position`);
        expect(whole).toEqual(log.map(({ event_id }, n) => ({ position: n + 1, source_event_id: event_id })));
      });
  });

  it('given published events, when the feed is rebuilt from the log, then its rows are the same, public ids included', () => {
    const [a, b] = [anAppointment(), anAppointment({ patientId: demo.lukas.id, doctorId: demo.richter.id })];
    const given = [a.booked(), b.booked(), a.rescheduled('2027-03-24T08:00:00.000Z', '2027-03-24T08:20:00.000Z'), b.cancelled('No longer needed'), a.checkedIn('2027-03-24T07:55:00.000Z')];
    return feed.given(...given).whenRebuilt().thenUnchanged();
  });
});
