/** Buckets kept before the full ones (users who stopped connecting) are forgotten. */
const SWEEP_ABOVE_USERS = 10_000;

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (milliseconds of `now`). */
  at: number;
}

/**
 * A token bucket per user for `/live` handshakes: it holds `burst` tokens and gains one every
 * `refillMs`; a handshake takes as many as it costs (a resume more than a plain handshake). Each instance keeps its own buckets (with several instances behind a balancer a
 * user may get up to `burst` per instance), which is enough to stop a client reconnecting in a
 * loop from making the server read the log on every attempt.
 */
export class HandshakeRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly burst: number,
    private readonly refillMs: number,
    /** Monotonic milliseconds: a rate is about elapsed time, never about the wall clock's date. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes `cost` tokens for a handshake of `userId`: 0 if allowed, else the milliseconds until it would be. */
  take(userId: string, cost = 1): number {
    const now = this.now();
    const bucket = this.current(this.buckets.get(userId), now);
    if (bucket.tokens < cost) {
      this.buckets.set(userId, bucket);
      return Math.ceil((cost - bucket.tokens) * this.refillMs);
    }
    this.buckets.set(userId, { tokens: bucket.tokens - cost, at: now });
    if (this.buckets.size > SWEEP_ABOVE_USERS && now - this.lastSweep >= this.burst * this.refillMs) this.forgetFull(now);
    return 0;
  }

  private current(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.burst, at: now };
    return { tokens: Math.min(this.burst, bucket.tokens + (now - bucket.at) / this.refillMs), at: now };
  }

  /**
   * A full bucket is the same as none: forgetting it keeps memory bounded by recent users. At
   * most once per time a bucket takes to fill, so that a crowd of users costs no sweep per take.
   */
  private forgetFull(now: number): void {
    this.lastSweep = now;
    for (const [userId, bucket] of this.buckets) {
      if (this.current(bucket, now).tokens >= this.burst) this.buckets.delete(userId);
    }
  }
}
