import { evolveWaitlistEntry } from './waitlist-entry.evolve';
import { shownStatus, slotKey, WaitlistEntryState } from './waitlist-entry.state';
import { WaitlistEntryBooked, WaitlistEntryCancelled, WaitlistEvent, WaitlistJoined, WaitlistOfferDeclined, WaitlistOfferExpired, WaitlistOfferMade } from './waitlist.events';

const facts = {
  entryId: 'e0000000-0000-4000-8000-000000000001',
  patientId: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001',
  appointmentTypeId: 'b1a2c3d4-0e1f-4a2b-9c3d-4e5f6a7b0001',
  from: '2027-03-22',
  to: '2027-04-05',
  doctorId: null,
};
const offer = {
  holdId: 'c0000000-0000-4000-8000-000000000001',
  doctorId: '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01',
  roomId: '9c8d7e60-2a3b-4c5d-8e6f-7a8b9c0d0001',
  start: '2027-03-23T08:00:00.000Z',
  end: '2027-03-23T08:20:00.000Z',
  expiresAt: '2027-03-20T10:15:00.000Z',
};

const fold = (events: WaitlistEvent[]): WaitlistEntryState => events.reduce(evolveWaitlistEntry, null);

describe('A waitlist entry folded from its events', () => {
  it('waits once joined, is offered with the offer, and remembers the slot offered', () => {
    expect(fold([new WaitlistJoined(facts)])).toMatchObject({ status: 'waiting', offer: null, offeredSlots: [] });
    expect(fold([new WaitlistJoined(facts), new WaitlistOfferMade({ ...facts, offer })])).toMatchObject({ status: 'offered', offer, offeredSlots: [slotKey(offer)] });
  });

  it('waits again after a decline, with no offer but the slot still remembered', () => {
    const state = fold([new WaitlistJoined(facts), new WaitlistOfferMade({ ...facts, offer }), new WaitlistOfferDeclined({ ...facts, offer })]);
    expect(state).toMatchObject({ status: 'waiting', offer: null, offeredSlots: [slotKey(offer)] });
  });

  it('ends booked with its appointment, expired, or cancelled', () => {
    const offered = [new WaitlistJoined(facts), new WaitlistOfferMade({ ...facts, offer })];
    const appointmentId = 'a0000000-0000-4000-8000-000000000001';
    expect(fold([...offered, new WaitlistEntryBooked({ ...facts, offer, appointmentId })])).toMatchObject({ status: 'booked', offer: null, appointmentId });
    expect(fold([...offered, new WaitlistOfferExpired({ ...facts, offer })])).toMatchObject({ status: 'expired', offer: null });
    expect(fold([...offered, new WaitlistEntryCancelled(facts)])).toMatchObject({ status: 'cancelled', offer: null });
  });

  it('is shown expired once its window has passed while it still waits', () => {
    const on = (today: string) => ({ today, now: new Date(`${today}T12:00:00Z`) });
    expect(shownStatus({ status: 'waiting', to: '2027-04-05', offer: null }, on('2027-04-05'))).toBe('waiting');
    expect(shownStatus({ status: 'waiting', to: '2027-04-05', offer: null }, on('2027-04-06'))).toBe('expired');
    expect(shownStatus({ status: 'booked', to: '2027-04-05', offer: null }, on('2027-04-06'))).toBe('booked');
  });

  it("is shown expired from its offer's expiresAt on, before the expiry is recorded", () => {
    const at = (now: string) => ({ today: now.slice(0, 10), now: new Date(now) });
    const offered = { status: 'offered' as const, to: '2027-03-25', offer };
    expect(shownStatus(offered, at(new Date(Date.parse(offer.expiresAt) - 1).toISOString()))).toBe('offered');
    expect(shownStatus(offered, at(offer.expiresAt))).toBe('expired');
  });

  it('remembers a slot by its doctor and instant, whatever the offset it was written with', () => {
    expect(slotKey({ doctorId: offer.doctorId, start: '2027-03-23T09:00:00+01:00' })).toBe(slotKey(offer));
  });
});
