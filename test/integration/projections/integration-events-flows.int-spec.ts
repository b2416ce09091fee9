import { randomUUID } from 'node:crypto';
import { HoldConverted, HoldExpired, HoldReleased, SlotHeld } from '../../../src/appointments/domain/hold.events';
import { SUBSCRIPTIONS } from '../../../src/subscription-registry';
import { WaitlistEntryBooked, WaitlistEntryFacts, WaitlistJoined, WaitlistOffer, WaitlistOfferMade } from '../../../src/waitlist/domain/waitlist.events';
import { aDemoHold } from '../../support/booking-flow-events';
import { demo } from '../../support/demo';
import { inOneTransaction, projectionSpec, Query } from '../../support/projection-spec';
import { anAppointment } from './appointment-story';

interface FeedRow {
  position: number;
  event_type: string;
  appointment_id: string | null;
  source_event_id: string;
  event: Record<string, unknown>;
}

/** The feed rows of the given holds and waitlist entries (by the id each public event names), in feed order. */
const feedRows = (query: Query, ids: readonly string[]) =>
  query(
    `select position::int as position, event_type, appointment_id, source_event_id, event
     from integration_events where event->>'holdId' = any($1::text[]) or event->>'waitlistEntryId' = any($1::text[]) order by position`,
    [ids],
  ) as unknown as Promise<FeedRow[]>;

describe('integration_events feed of holds and waitlist entries (integration-events)', () => {
  const feed = projectionSpec<FeedRow>({ subscription: SUBSCRIPTIONS.integrationEvents, rows: feedRows });
  beforeAll(() => feed.start());
  afterAll(() => feed.stop());

  it('given no events, when a slot is held and released, then the feed has slot.held.v1 and slot.released.v1 for it, in order', () => {
    const hold = aDemoHold();
    return feed
      .given()
      .when(new SlotHeld(hold), new HoldReleased(hold))
      .then((rows) => {
        expect(rows.map((row) => [row.event_type, (row.event.payload as { status: string }).status, row.appointment_id])).toEqual([
          ['slot.held.v1', 'busy-tentative', null],
          ['slot.released.v1', 'free', null],
        ]);
        expect(rows[1].position).toBe(rows[0].position + 1);
      });
  });

  it('given a waitlist offer, when it is accepted in one transaction with its hold converted and the appointment booked, then the feed has them in that order, naming the appointment', () => {
    const entry: WaitlistEntryFacts = { entryId: randomUUID(), patientId: demo.lukas.id, appointmentTypeId: demo.consultation.id, from: '2027-03-22', to: '2027-03-26', doctorId: null };
    const booking = anAppointment({ patientId: demo.lukas.id });
    const hold = aDemoHold({ patientId: demo.lukas.id, waitlistEntryId: entry.entryId });
    const offer: WaitlistOffer = { holdId: hold.holdId, doctorId: hold.doctorId, roomId: hold.roomId, start: hold.start, end: hold.end, expiresAt: hold.expiresAt };
    return feed
      .given(new WaitlistJoined(entry), inOneTransaction(new SlotHeld(hold), new WaitlistOfferMade({ ...entry, offer })))
      .when(inOneTransaction(new HoldConverted({ ...hold, appointmentId: booking.id }), booking.booked(), new WaitlistEntryBooked({ ...entry, offer, appointmentId: booking.id })))
      .then((rows) => {
        expect(rows.map((row) => [row.event_type, row.appointment_id])).toEqual([
          ['waitlist.joined.v1', null],
          ['slot.held.v1', null],
          ['waitlist.offered.v1', null],
          ['slot.booked.v1', booking.id],
          ['waitlist.booked.v1', booking.id],
        ]);
      });
  });

  it('given holds and waitlist events among appointment events, when the feed is rebuilt from the log, then its rows are the same, public ids included', () => {
    const [released, expired] = [aDemoHold(), aDemoHold({ start: '2027-03-22T09:00:00.000Z', end: '2027-03-22T09:20:00.000Z' })];
    const a = anAppointment({ patientId: demo.emma.id, doctorId: demo.richter.id });
    const entry: WaitlistEntryFacts = { entryId: randomUUID(), patientId: demo.mia.id, appointmentTypeId: demo.consultation.id, from: '2027-03-22', to: '2027-03-26', doctorId: demo.weber.id };
    const given = [new SlotHeld(released), a.booked(), new WaitlistJoined(entry), new HoldReleased(released), new SlotHeld(expired), a.cancelled('Travelling'), new HoldExpired(expired)];
    return feed.given(...given).whenRebuilt().thenUnchanged();
  });
});
