import { DEMO_CLINIC } from '../../src/database/demo-data';
import { decodeEvent } from '../../src/event-decoding';
import { EventStore } from '../../src/event-store/event-store';
import { LOG_START } from '../../src/event-store/stored-event';
import { FREEING_EVENTS, FreeingEvent } from '../../src/waitlist/offering/freed-time';
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
});
