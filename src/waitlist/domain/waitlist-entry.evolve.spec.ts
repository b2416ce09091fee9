import { facts, fold, offer } from '../../../test/support/waitlist-decisions';
import { shownStatus, slotKey } from './waitlist-entry.state';
import { WaitlistEntryBooked, WaitlistEntryCancelled, WaitlistJoined, WaitlistOfferDeclined, WaitlistOfferExpired, WaitlistOfferMade } from './waitlist.events';

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
