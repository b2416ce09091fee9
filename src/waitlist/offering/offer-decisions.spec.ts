import { evolveWaitlistEntry } from '../domain/waitlist-entry.evolve';
import { WaitlistEntryCancelled, WaitlistEvent, WaitlistJoined, WaitlistOfferDeclined, WaitlistOfferExpired, WaitlistOfferMade } from '../domain/waitlist.events';
import { decideOffer, decideOfferExpired } from './offer-decisions';

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
const other = { ...offer, holdId: 'c0000000-0000-4000-8000-000000000002', start: '2027-03-23T09:00:00.000Z', end: '2027-03-23T09:20:00.000Z' };
const joined = new WaitlistJoined(facts);
const offered = new WaitlistOfferMade({ ...facts, offer });

const given = (history: WaitlistEvent[]) => history.reduce(evolveWaitlistEntry, null);

describe('An offer to a waiting entry', () => {
  it('is made to an entry that waits', () => {
    expect(decideOffer(given([joined]), offer)).toEqual(offered);
  });

  it('is not made to an entry that has one, is over, or was offered the slot before', () => {
    expect(decideOffer(given([joined, offered]), other)).toBeNull();
    expect(decideOffer(given([joined, new WaitlistEntryCancelled(facts)]), offer)).toBeNull();
    const declined = given([joined, offered, new WaitlistOfferDeclined({ ...facts, offer })]);
    expect(decideOffer(declined, { ...offer, holdId: other.holdId })).toBeNull();
    expect(decideOffer(declined, other)).toEqual(new WaitlistOfferMade({ ...facts, offer: other }));
    expect(decideOffer(null, offer)).toBeNull();
  });
});

describe("The expiry of an offer's hold", () => {
  it('expires the offer it holds the slot for', () => {
    expect(decideOfferExpired(given([joined, offered]), offer.holdId)).toEqual(new WaitlistOfferExpired({ ...facts, offer }));
  });

  it('changes nothing on an entry that has moved on from that offer', () => {
    expect(decideOfferExpired(given([joined, offered, new WaitlistOfferDeclined({ ...facts, offer })]), offer.holdId)).toBeNull();
    expect(decideOfferExpired(given([joined, offered]), other.holdId)).toBeNull();
    expect(decideOfferExpired(given([joined]), offer.holdId)).toBeNull();
  });
});
