import { commitOrder } from './live-message';

describe('commitOrder', () => {
  it('orders by writing transaction as a number (10 after 9), then by position', () => {
    expect(commitOrder({ transactionId: '9', position: 50 }, { transactionId: '10', position: 40 })).toBeLessThan(0);
    expect(commitOrder({ transactionId: '10', position: 40 }, { transactionId: '9', position: 50 })).toBeGreaterThan(0);
    expect(commitOrder({ transactionId: '12', position: 3 }, { transactionId: '12', position: 7 })).toBeLessThan(0);
    expect(commitOrder({ transactionId: '12', position: 7 }, { transactionId: '12', position: 7 })).toBe(0);
  });

  it('holds for transaction ids beyond 2^53 (xid8 is a 64-bit counter)', () => {
    expect(commitOrder({ transactionId: '9007199254740993', position: 1 }, { transactionId: '9007199254740992', position: 2 })).toBeGreaterThan(0);
  });
});
