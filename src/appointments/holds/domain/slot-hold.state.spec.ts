import { aDemoHold } from '../../../../test/support/booking-flow-events';
import { SlotHold, statusAt } from './slot-hold.state';

const hold: SlotHold = { ...aDemoHold(), status: 'held', appointmentId: null };

describe('statusAt', () => {
  it('shows a held hold as held until its expiresAt, and expired from then on, before its timer has fired', () => {
    expect(statusAt(hold, new Date('2027-03-01T08:09:59.999Z'))).toBe('held');
    expect(statusAt(hold, new Date('2027-03-01T08:10:00.000Z'))).toBe('expired');
    expect(statusAt(hold, new Date('2027-03-02T00:00:00.000Z'))).toBe('expired');
  });

  it('shows a hold that has ended as it ended, whatever the time', () => {
    const later = new Date('2027-03-02T00:00:00.000Z');
    expect(statusAt({ ...hold, status: 'converted', appointmentId: 'a0000000-0000-4000-8000-000000000001' }, later)).toBe('converted');
    expect(statusAt({ ...hold, status: 'released' }, later)).toBe('released');
    expect(statusAt({ ...hold, status: 'expired' }, new Date('2027-03-01T08:00:00.000Z'))).toBe('expired');
  });
});
