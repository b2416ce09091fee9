import { atExpiry } from './session-expiry';

const DAY_MS = 24 * 3600 * 1000;

describe('atExpiry', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-06-01T12:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('ends a session when its token expires, not before', () => {
    const expire = jest.fn();
    atExpiry(new Date(Date.now() + 2_000), expire);
    jest.advanceTimersByTime(1_999);
    expect(expire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(expire).toHaveBeenCalledTimes(1);
  });

  it('waits for a deadline beyond what one timer can hold (about 24.8 days)', () => {
    const expire = jest.fn();
    atExpiry(new Date(Date.now() + 30 * DAY_MS), expire);
    jest.advanceTimersByTime(29 * DAY_MS);
    expect(expire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(DAY_MS);
    expect(expire).toHaveBeenCalledTimes(1);
  });

  it('ends at once a session whose token has already expired', () => {
    const expire = jest.fn();
    atExpiry(new Date(Date.now() - 1), expire);
    expect(expire).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled (the socket closed first)', () => {
    const expire = jest.fn();
    const cancel = atExpiry(new Date(Date.now() + 2_000), expire);
    cancel();
    jest.advanceTimersByTime(10_000);
    expect(expire).not.toHaveBeenCalled();
  });
});
