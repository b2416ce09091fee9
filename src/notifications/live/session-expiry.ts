/** A longer setTimeout delay fires at once (with a warning): 2^31 - 1 ms, about 24.8 days. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `expire` once, when the wall clock reaches `expiresAt` (at once if it has); returns a
 * function that cancels it. Wall time and not the application's Clock: a token's `exp` is an
 * instant of the real world, set by whoever issued it and checked against the system time when
 * the handshake verifies it. The injected Clock is the domain's "now" (which tests move to
 * dates of their choosing); a session ended by it could outlive its token, or end before it.
 */
export function atExpiry(expiresAt: Date, expire: () => void, now: () => number = Date.now): () => void {
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const left = expiresAt.getTime() - now();
    if (left <= 0) {
      expire();
      return;
    }
    // Far deadlines are reached in steps; a timer that fires early is simply set again.
    timer = setTimeout(check, Math.min(left, LONGEST_TIMER_MS));
    timer.unref();
  };
  check();
  return () => clearTimeout(timer);
}
