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

/** Handshakes one user may make in a burst (several tabs, everyone back after a restart). */
export const LIVE_HANDSHAKE_BURST = 10;

/** After a burst, one more handshake per user every this many milliseconds (10 a minute). */
export const LIVE_HANDSHAKE_REFILL_MS = 6_000;
