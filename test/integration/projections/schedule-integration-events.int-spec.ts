import { randomUUID } from 'node:crypto';
import { ClinicClosureScheduled, RoomBlockCancelled, RoomBlockScheduled, TimeOffScheduled, WorkingHoursChanged } from '../../../src/schedules/domain/schedule.events';
import { SUBSCRIPTIONS } from '../../../src/subscription-registry';
import { demo } from '../../support/demo';
import { GIVES_UP_QUICKLY, inOneTransaction, projectionSpec, Query } from '../../support/projection-spec';
import { anAppointment } from './appointment-story';

interface FeedRow {
  position: number;
  event_type: string;
  appointment_id: string | null;
  source_event_id: string;
  event: Record<string, unknown> & { payload: Record<string, unknown> };
}

/** The rows of the given appointments, blocks (time off, closure, room block) or doctors (working hours). */
const feedRows = (query: Query, ids: readonly string[]) =>
  query(
    `select position::int as position, event_type, appointment_id, source_event_id, event
       from integration_events
      where coalesce(appointment_id::text, event->>'timeOffId', event->>'closureId', event->>'blockId', event->>'doctorId') = any($1::text[])
      order by position`,
    [ids],
  ) as unknown as Promise<FeedRow[]>;

const consecutive = (rows: FeedRow[]) => rows.map((row) => row.position - rows[0].position);

describe('integration_events feed of schedule changes (integration-events)', () => {
  const feed = projectionSpec<FeedRow>({ subscription: SUBSCRIPTIONS.integrationEvents, rows: feedRows });
  beforeAll(() => feed.start());
  afterAll(() => feed.stop());

  it('given a booking, when time off over it is scheduled and the booking cancelled in the same transaction, then the feed has both in that order, without a gap', () => {
    const a = anAppointment();
    const booked = a.booked();
    const cancelled = a.cancelled('Dr. Weber is away');
    const timeOffId = randomUUID();
    const timeOff = new TimeOffScheduled({ doctorId: a.now.doctorId, timeOffId, start: a.now.start, end: a.now.end, reason: 'Away', cancelledAppointmentIds: [a.id] });
    return feed
      .given(booked)
      .when(inOneTransaction(timeOff, cancelled))
      .then((rows, appended) => {
        expect(rows.map((row) => row.event_type)).toEqual(['appointment.booked.v1', 'schedule.time-off-scheduled.v1', 'appointment.cancelled.v1']);
        expect(consecutive(rows)).toEqual([0, 1, 2]);
        expect(rows[1]).toMatchObject({
          appointment_id: null,
          source_event_id: appended.of(timeOff).eventId,
          event: { timeOffId, doctorId: a.now.doctorId, payload: { resourceType: 'Slot', id: timeOffId, status: 'busy-unavailable' } },
        });
        // A time off's reason is the doctor's own: the feed does not carry it.
        expect(rows[1].event.payload).not.toHaveProperty('comment');
        // The appointment's own event still carries none of its free text.
        expect(JSON.stringify(rows[2])).not.toContain('is away');
      });
  });

  it('given schedule changes of every kind, when every event is delivered again, then no row of the feed changes', () => {
    const closureId = randomUUID();
    const blockId = randomUUID();
    const span = { start: '2027-05-03T06:00:00.000Z', end: '2027-05-03T16:00:00.000Z' };
    return feed
      .given(
        new WorkingHoursChanged({ doctorId: demo.richter.id, effectiveFrom: '2027-05-03', timezone: demo.richter.timezone, workingHours: { mon: [['08:00', '16:00']] }, outsideHours: [] }),
        new ClinicClosureScheduled({ closureId, start: '2027-05-01T00:00:00+02:00', end: '2027-05-02T00:00:00+02:00', reason: 'Labour Day', cancelledAppointmentIds: [] }),
        new RoomBlockScheduled({ blockId, roomId: demo.room2.id, ...span, reason: 'Painting', cancelledAppointmentIds: [] }),
        new RoomBlockCancelled({ blockId, roomId: demo.room2.id, ...span }),
      )
      .whenDeliveredAgain()
      .thenUnchanged();
  });

  it('given schedule changes between bookings, when the feed is rebuilt from the log, then its rows are the same, public ids included', () => {
    const a = anAppointment({ patientId: demo.emma.id });
    const blockId = randomUUID();
    const span = { start: '2027-05-04T06:00:00.000Z', end: '2027-05-04T16:00:00.000Z' };
    return feed
      .given(a.booked(), new RoomBlockScheduled({ blockId, roomId: demo.treatmentRoom.id, ...span, reason: 'New couch', cancelledAppointmentIds: [] }), a.cancelled('Moved'))
      .whenRebuilt()
      .thenUnchanged();
  });
});

describe('integration_events feed of schedule changes, a reason outside the published language (integration-events)', () => {
  const feed = projectionSpec<FeedRow>({ subscription: SUBSCRIPTIONS.integrationEvents, rows: feedRows, env: GIVES_UP_QUICKLY });
  beforeAll(() => feed.start());
  afterAll(() => feed.stop());

  it('given a closure whose reason holds a control character (past the HTTP edge), when it is appended, then the feed stops at it instead of publishing it', () => {
    const closureId = randomUUID();
    const closure = new ClinicClosureScheduled({ closureId, start: '2027-12-24T00:00:00+01:00', end: '2027-12-27T00:00:00+01:00', reason: 'Holidays\u001b[31m', cancelledAppointmentIds: [] });
    return feed.given().when(closure).thenStopped(/schedule\.closure-scheduled\.v1 does not match its published schema: \/payload\/comment/);
  });
});
