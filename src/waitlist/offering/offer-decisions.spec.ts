import { facts, fold, joined, offer, offered } from '../../../test/support/waitlist-decisions';
import { WaitlistEntryCancelled, WaitlistOfferDeclined, WaitlistOfferExpired, WaitlistOfferMade } from '../domain/waitlist.events';
import { decideOffer, decideOfferExpired } from './offer-decisions';

const other = { ...offer, holdId: 'c0000000-0000-4000-8000-000000000002', start: '2027-03-23T09:00:00.000Z', end: '2027-03-23T09:20:00.000Z' };

describe('An offer to a waiting entry', () => {
  it('is made to an entry that waits', () => {
    expect(decideOffer(fold([joined]), offer)).toEqual(offered);
  });

  it('is not made to an entry that has one, is over, or was offered the slot before', () => {
    expect(decideOffer(fold([joined, offered]), other)).toBeNull();
    expect(decideOffer(fold([joined, new WaitlistEntryCancelled(facts)]), offer)).toBeNull();
    const declined = fold([joined, offered, new WaitlistOfferDeclined({ ...facts, offer })]);
    expect(decideOffer(declined, { ...offer, holdId: other.holdId })).toBeNull();
    expect(decideOffer(declined, other)).toEqual(new WaitlistOfferMade({ ...facts, offer: other }));
    expect(decideOffer(null, offer)).toBeNull();
  });
});

describe("The expiry of an offer's hold", () => {
  it('expires the offer it holds the slot for', () => {
    expect(decideOfferExpired(fold([joined, offered]), offer.holdId)).toEqual(new WaitlistOfferExpired({ ...facts, offer }));
  });

  it('changes nothing on an entry that has moved on from that offer', () => {
    expect(decideOfferExpired(fold([joined, offered, new WaitlistOfferDeclined({ ...facts, offer })]), offer.holdId)).toBeNull();
    expect(decideOfferExpired(fold([joined, offered]), other.holdId)).toBeNull();
    expect(decideOfferExpired(fold([joined]), offer.holdId)).toBeNull();
  });
});
