import { isFoldedIn } from './series-invitations';

describe('Series invitations kept', () => {
  const through = { transactionId: '1000', position: 50 };

  it('given an invitation folded through a commit point, when an event at or before it in commit order is delivered again, then it is folded in already', () => {
    expect(isFoldedIn({ transactionId: '1000', position: 50 }, through)).toBe(true);
    expect(isFoldedIn({ transactionId: '1000', position: 49 }, through)).toBe(true);
    // An older transaction that took a later position (it committed late) is still before it.
    expect(isFoldedIn({ transactionId: '999', position: 70 }, through)).toBe(true);
  });

  it('given an invitation folded through a commit point, when an event after it in commit order comes, then it is new', () => {
    expect(isFoldedIn({ transactionId: '1000', position: 51 }, through)).toBe(false);
    expect(isFoldedIn({ transactionId: '1001', position: 10 }, through)).toBe(false);
    expect(isFoldedIn({ transactionId: '10000', position: 1 }, through)).toBe(false);
  });
});
