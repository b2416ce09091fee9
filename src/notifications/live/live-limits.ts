/**
 * The bounds of the `/live` namespace, so that nothing a client sends makes the server read
 * without end: how much a resume replays, and how often one user may open a session.
 */

/**
 * A resume replays at most this many missed messages. A client that missed more is sent
 * `resync-required` instead: reloading the day over HTTP costs less than replaying the log.
 */
export const LIVE_RESUME_MAX_MESSAGES = 500;

/** Missed events are read, and their messages sent, this many at a time, in commit order. */
export const LIVE_RESUME_PAGE_SIZE = 100;

/**
 * Handshakes are rate limited per user with a token bucket: it holds this many tokens (several
 * tabs, every dashboard back after a restart, a load test's clients)...
 */
export const LIVE_HANDSHAKE_BURST = 100;

/** ...and gains one every this many milliseconds (100 a minute). */
export const LIVE_HANDSHAKE_REFILL_MS = 600;

/** The tokens a plain handshake (without `since`) takes: it reads nothing from the log. */
export const LIVE_HANDSHAKE_COST = 1;

/**
 * The tokens a handshake with `since` takes: a resume reads the log, a plain handshake does
 * not. A client resuming in a loop gets 10 at once, then one every 6 seconds.
 */
export const LIVE_RESUME_COST = 10;

/**
 * Handshakes refused for their token are rate limited per address with a token bucket of this
 * many tokens, one each (a client retrying with an expired token, a scan of made-up tokens)...
 */
export const LIVE_FAILED_HANDSHAKE_BURST = 30;

/** ...which gains one every this many milliseconds (30 a minute); past it, a refusal answers `rate-limited`. */
export const LIVE_FAILED_HANDSHAKE_REFILL_MS = 2_000;
