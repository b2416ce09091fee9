import { problemType } from '../../shared/http/problem';

/**
 * What the server tells a `/live` client that is not an appointment change, shaped like an
 * RFC 9457 problem (`type`, `title`, `status`, `detail` and extensions), with the same `type`
 * identifiers as the HTTP API. A refused handshake carries one as the `data` of the client's
 * `connect_error` (its message starts with the problem's code); a session that ends, or a
 * resume that cannot replay, is told with its own event before anything else happens.
 */
export interface LiveProblem {
  type: string;
  title: string;
  /** The HTTP status of the same problem; absent for a notice that is not an error. */
  status?: number;
  detail: string;
  [extension: string]: unknown;
}

/** A handshake refused with a problem (passed to socket.io's `next`). */
export class HandshakeRefused extends Error {
  constructor(
    readonly code: string,
    readonly data: LiveProblem,
  ) {
    super(`${code}: ${data.detail}`);
  }
}

export const LiveProblems = {
  unauthorized: (detail: string) =>
    new HandshakeRefused('unauthorized', { type: problemType('unauthorized'), title: 'Authentication required', status: 401, detail }),
  invalidSince: (detail: string) =>
    new HandshakeRefused('invalid-request', { type: problemType('invalid-request'), title: 'Invalid request', status: 400, detail }),
  /** `what`: the handshakes that were too many, such as "live connections for this user". */
  rateLimited: (retryAfterSeconds: number, what = 'live connections for this user') =>
    new HandshakeRefused('rate-limited', {
      type: problemType('rate-limited'),
      title: 'Too many requests',
      status: 429,
      detail: `Too many ${what}; retry in ${retryAfterSeconds} s`,
      retryAfter: retryAfterSeconds,
    }),
  /** Sent as `session-expired`, then the socket is disconnected. */
  sessionExpired: (expiredAt: Date): LiveProblem => ({
    type: problemType('session-expired'),
    title: 'Session expired',
    status: 401,
    detail: `The access token expired at ${expiredAt.toISOString()}; reconnect with a fresh token, and since: <the last position received> to miss nothing`,
    expiredAt: expiredAt.toISOString(),
  }),
  /**
   * Sent as `resync-required` instead of a replay: the client reloads what it shows over HTTP
   * (with `minPosition=<position>`, so that the reload includes everything up to there) and
   * applies the live messages that follow, which are all after `position`.
   */
  resyncRequired: (detail: string, position: number): LiveProblem => ({
    type: problemType('resync-required'),
    title: 'Resync required',
    detail: `${detail}; reload over HTTP with minPosition=${position}, then apply the live messages that follow`,
    position,
  }),
};
