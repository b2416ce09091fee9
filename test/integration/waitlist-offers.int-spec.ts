import { randomUUID } from 'node:crypto';
import { Counter } from 'prom-client';
import { EntityManager } from 'typeorm';
import { DEMO_CLINIC } from '../../src/database/demo-data';
import { decodeEvent } from '../../src/event-decoding';
import { EventStore } from '../../src/event-store/event-store';
import { LOG_START, StoredEvent } from '../../src/event-store/stored-event';
import { Metrics } from '../../src/observability/metrics';
import { ReservationsBusy, Reservations } from '../../src/reservations/reservations';
import { TimeOffCancelled } from '../../src/schedules/domain/schedule.events';
import { WaitlistEntries } from '../../src/waitlist/persistence/waitlist-entries';
import { FREEING_EVENTS, FreeingEvent } from '../../src/waitlist/offering/freed-time';
import { EntryUnchanged } from '../../src/waitlist/offering/offer-refusals';
import { WaitlistOffersProcess } from '../../src/waitlist/offering/waitlist-offers.process';
import { SUBSCRIPTIONS } from '../../src/subscription-registry';
import { bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { everySubscriptionPasses } from '../support/subscriptions';
import { startTestApp, TestApp } from '../support/test-app';

const [mia, lukas, emma, noah, sofia, elias] = DEMO_CLINIC.patients;
/** Four Mondays to Thursdays in March 2027; on the first, two patients wait for the one slot that frees up. */
const DATES = ['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25'];
const WAITING: Array<[string, string]> = [
  [mia.id, DATES[0]],
  [lukas.id, DATES[0]],
  [emma.id, DATES[1]],
  [sofia.id, DATES[2]],
  [elias.id, DATES[3]],
];

describe('The waitlist offer process manager on two instances', () => {
  let first: TestApp;
  let second: TestApp;
  let staff: string;

  const count = async (sql: string): Promise<number> => {
    const [{ n }] = await first.dataSource.query<Array<{ n: number }>>(sql);
    return n;
  };
  const offersMade = () => count(`select count(*)::int as n from events where event_type = 'WaitlistOfferMade'`);
  const offerHolds = () => count(`select count(*)::int as n from events where event_type = 'SlotHeld' and data->>'waitlistEntryId' is not null`);

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({ database: first.database, seed: false });
    staff = first.tokenFor({ role: 'staff' });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('offers each freed slot exactly once, to the first entry in line, whichever instance runs it', async () => {
    const appointments: string[] = [];
    for (const date of DATES) {
      const response = await first.http.post('/appointments', staff, bookingBody({ patientId: noah.id, start: `${date}T09:00:00+01:00` }));
      expect(response.status).toBe(201);
      appointments.push(response.body.id);
    }
    const entries: string[] = [];
    for (const [patientId, date] of WAITING) {
      const response = await first.http.post('/waitlist', staff, { patientId, appointmentTypeId: demo.consultation.id, from: date, to: date });
      expect(response.status).toBe(201);
      entries.push(response.body.id);
    }

    // The cancellations reach both instances at once; either may be running the subscription.
    const cancelled = await Promise.all(
      appointments.map((id, i) => (i % 2 === 0 ? first : second).http.post(`/appointments/${id}/cancel`, staff, { reason: 'Cannot come' })),
    );
    expect(cancelled.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    const last = Math.max(...cancelled.map((response) => Number(response.headers.get('x-event-position'))));
    await everySubscriptionPasses(first.dataSource, last, [SUBSCRIPTIONS.waitlistOffers]);

    await eventually(async () => expect(await offersMade()).toBe(DATES.length));
    const statuses = await Promise.all(entries.map(async (id) => (await first.http.get(`/waitlist/${id}`, staff)).body.status));
    expect(statuses).toEqual(['offered', 'waiting', 'offered', 'offered', 'offered']);
    expect(await offerHolds()).toBe(DATES.length);
    const offeredSlots = await count(`select count(distinct (doctor_id, start))::int as n from waitlist_offered_slots`);
    expect(offeredSlots).toBe(DATES.length);
  });

  it('changes nothing when a batch is delivered again', async () => {
    const store = first.app.get(EventStore);
    const process = first.app.get(WaitlistOffersProcess);
    const types = new Set<string>(FREEING_EVENTS.map((event) => event.type));
    const before = { offers: await offersMade(), holds: await offerHolds() };
    await first.dataSource.transaction(async (db) => {
      const freeing = (await store.open(await store.readSealedInCommitOrder(LOG_START, 10_000, db), db)).filter((stored) => types.has(stored.type));
      expect(freeing.length).toBeGreaterThanOrEqual(DATES.length);
      const batch = freeing.map((stored) => ({ event: decodeEvent(stored) as FreeingEvent, stored }));
      await process.handleBatch(batch, { db, table: (name) => name, afterCommit: () => undefined });
    });
    expect({ offers: await offersMade(), holds: await offerHolds() }).toEqual(before);
  });

  /** Dr. Weber's time from 09:00 to 11:00 on `date` freed, as a cancelled time off no other subscription has seen. */
  function freedOn(date: string): { event: FreeingEvent; stored: StoredEvent } {
    const data = { doctorId: demo.weber.id, timeOffId: randomUUID(), start: `${date}T07:00:00.000Z`, end: `${date}T09:00:00.000Z` };
    const metadata = { correlationId: randomUUID(), causationId: randomUUID(), actor: { userId: 'test', role: 'admin' as const }, requestId: null };
    const stored: StoredEvent = { position: 0, transactionId: '0', eventId: randomUUID(), aggregateId: data.timeOffId, aggregateType: 'TimeOff', version: 2, type: 'TimeOffCancelled', schemaVersion: 1, data, metadata, occurredAt: new Date() };
    return { event: new TimeOffCancelled(data), stored };
  }

  const deliver = (delivered: { event: FreeingEvent; stored: StoredEvent }) =>
    first.dataSource.transaction((db) => first.app.get(WaitlistOffersProcess).handleBatch([delivered], { db, table: (name) => name, afterCommit: () => undefined }));
  /** A delivery as the subscription makes it: its after-commit effects run once its transaction has committed. */
  const deliverCommitted = async (delivered: { event: FreeingEvent; stored: StoredEvent }) => {
    const effects: Array<() => void> = [];
    await first.dataSource.transaction((db) => first.app.get(WaitlistOffersProcess).handleBatch([delivered], { db, table: (name) => name, afterCommit: (effect) => effects.push(effect) }));
    for (const effect of effects) effect();
  };
  /** events_appended_total of the offer's events on the first instance, as counted so far. */
  const offerEventsCounted = async () => {
    const { values } = await (first.app.get(Metrics).registry.getSingleMetric('events_appended_total') as Counter).get();
    const of = (type: string) => values.find(({ labels }) => labels.event_type === type)?.value ?? 0;
    return { SlotHeld: of('SlotHeld'), WaitlistOfferMade: of('WaitlistOfferMade') };
  };
  const offersTo = (entryId: string) => count(`select count(*)::int as n from events where event_type = 'WaitlistOfferMade' and aggregate_id = '${entryId}'`);
  const holdsFor = (entryId: string) => count(`select count(*)::int as n from events where event_type = 'SlotHeld' and data->>'waitlistEntryId' = '${entryId}'`);
  const joinOn = async (patientId: string, date: string) => {
    const response = await first.http.post('/waitlist', staff, { patientId, appointmentTypeId: demo.consultation.id, from: date, to: date });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  it('makes an offer exactly once when the transaction that placed it rolls back and the event is delivered again', async () => {
    const entryId = await joinOn(mia.id, '2027-03-30');
    const freed = freedOn('2027-03-30');
    const entries = first.app.get(WaitlistEntries);
    const run = entries.run.bind(entries);
    // The delivery fails after the hold is placed and the offer recorded, as a lost connection would make it.
    const failing = jest.spyOn(entries, 'run').mockImplementationOnce(async (command: Parameters<typeof run>[0], within?: EntityManager) => {
      await run(command, within);
      throw new Error('Connection terminated unexpectedly');
    });
    await expect(deliver(freed)).rejects.toThrow('Connection terminated unexpectedly');
    failing.mockRestore();
    expect({ offers: await offersTo(entryId), holds: await holdsFor(entryId) }).toEqual({ offers: 0, holds: 0 });

    await deliver(freed);
    await deliver(freed);
    expect({ offers: await offersTo(entryId), holds: await holdsFor(entryId) }).toEqual({ offers: 1, holds: 1 });
    expect((await first.http.get(`/waitlist/${entryId}`, staff)).body.status).toBe('offered');
  });

  it('counts the events of a delivery once, after its commit, and none of an offer rolled back to its savepoint', async () => {
    const date = '2027-04-05';
    const sofias = await joinOn(sofia.id, date);
    const eliases = await joinOn(elias.id, date);
    const entries = first.app.get(WaitlistEntries);
    // Sofia's entry moved on as her offer was to be recorded: her placement, its hold included, rolls back to its savepoint.
    const movedOn = jest.spyOn(entries, 'run').mockRejectedValueOnce(new EntryUnchanged());
    const before = await offerEventsCounted();
    await deliverCommitted(freedOn(date));
    movedOn.mockRestore();

    expect({ sofia: await offersTo(sofias), elias: await offersTo(eliases) }).toEqual({ sofia: 0, elias: 1 });
    const after = await offerEventsCounted();
    expect({ SlotHeld: after.SlotHeld - before.SlotHeld, WaitlistOfferMade: after.WaitlistOfferMade - before.WaitlistOfferMade }).toEqual({ SlotHeld: 1, WaitlistOfferMade: 1 });
  });

  it("never waits for a reservation lock out of order once it holds some: a booking racing it makes the delivery fail and be delivered again", async () => {
    const date = '2027-04-01';
    const emmas = await joinOn(emma.id, date);
    const lukases = await joinOn(lukas.id, date);
    const freed = freedOn(date);

    // A booking of Lukas's holds his lock and next wants Dr. Weber's, which the process takes with Emma's offer.
    const booking = first.dataSource.createQueryRunner();
    await booking.connect();
    await booking.startTransaction();
    try {
      await first.app.get(Reservations).lock(booking.manager, [{ kind: 'appointment', doctorId: null, roomId: null, patientId: lukas.id }]);
      // Emma's placement waits for nothing; Lukas's only tries his lock and gives up, not waiting with Dr. Weber's held.
      await expect(deliver(freed)).rejects.toThrow(ReservationsBusy);
      expect({ emma: await offersTo(emmas), lukas: await offersTo(lukases) }).toEqual({ emma: 0, lukas: 0 });
      // The rolled-back delivery held nothing: the booking gets Dr. Weber's lock at once.
      await first.app.get(Reservations).lock(booking.manager, [{ kind: 'appointment', doctorId: demo.weber.id, roomId: null, patientId: null }]);
    } finally {
      await booking.commitTransaction();
      await booking.release();
    }

    await deliver(freed);
    expect({ emma: await offersTo(emmas), lukas: await offersTo(lukases) }).toEqual({ emma: 1, lukas: 1 });
  });
});
