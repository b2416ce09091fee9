import { HandshakeRateLimiter } from './handshake-rate-limiter';

describe('HandshakeRateLimiter', () => {
  let now: number;
  const limiter = () => new HandshakeRateLimiter(3, 1_000, () => now);
  beforeEach(() => (now = 50_000));

  it('allows a burst, then refuses and says how long to wait', () => {
    const limits = limiter();
    expect([limits.take('u'), limits.take('u'), limits.take('u')]).toEqual([0, 0, 0]);
    expect(limits.take('u')).toBe(1_000);
    now += 400;
    expect(limits.take('u')).toBe(600);
  });

  it('refills one handshake per interval, never above the burst', () => {
    const limits = limiter();
    for (let i = 0; i < 3; i++) limits.take('u');
    now += 1_000;
    expect(limits.take('u')).toBe(0);
    expect(limits.take('u')).toBeGreaterThan(0);
    now += 60_000;
    expect([limits.take('u'), limits.take('u'), limits.take('u')]).toEqual([0, 0, 0]);
    expect(limits.take('u')).toBeGreaterThan(0);
  });

  it('takes as many tokens as a handshake costs', () => {
    const limits = limiter();
    expect(limits.take('u', 2)).toBe(0);
    expect(limits.take('u', 2)).toBe(1_000);
    expect(limits.take('u')).toBe(0);
  });

  it('keeps users apart', () => {
    const limits = limiter();
    for (let i = 0; i < 3; i++) limits.take('looping');
    expect(limits.take('looping')).toBeGreaterThan(0);
    expect(limits.take('someone-else')).toBe(0);
  });

  it('forgets users whose bucket has refilled, and keeps the state of one still limited', () => {
    const limits = limiter();
    const tracked = () => (limits as unknown as { buckets: Map<string, unknown> }).buckets.size;
    for (let user = 0; user <= 10_000; user++) limits.take(`user-${user}`);
    expect(tracked()).toBe(10_001);
    now += 3_000;
    expect([limits.take('looping'), limits.take('looping'), limits.take('looping')]).toEqual([0, 0, 0]);
    expect(tracked()).toBe(1);
    expect(limits.take('looping')).toBe(1_000);
  });
});
