/**
 * An error that answers a request as an RFC 9457 problem: `type` is a stable identifier of
 * the kind of problem, `detail` explains this occurrence to the caller.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that belong to the problem, such as Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

export const problemType = (code: string): string => `/problems/${code}`;

export const Problems = {
  unauthorized: (detail: string) => new Problem(401, 'unauthorized', 'Authentication required', detail),
  forbidden: (detail: string) => new Problem(403, 'forbidden', 'Not allowed', detail),
  notFound: (what: string, id: string) => new Problem(404, 'not-found', 'Not found', `${what} ${id} does not exist`),
  unknownReference: (what: string, id: string) =>
    new Problem(422, 'unknown-reference', 'Unknown reference', `${what} ${id} does not exist`),
  slotTaken: (detail: string, resource: 'doctor' | 'room' | 'patient') =>
    new Problem(409, 'slot-taken', 'Slot taken', detail, { resource }),
  concurrentChange: (detail: string) => new Problem(409, 'concurrent-change', 'Concurrent change', detail),
  staleVersion: (expected: readonly number[], actual: number) =>
    new Problem(
      412,
      'stale-version',
      'Precondition failed',
      expected.length === 0
        ? `If-Match names only weak entity tags, which never match; the appointment is at version ${actual}`
        : `If-Match expected version ${expected.join(' or ')}, the appointment is at version ${actual}`,
    ),
  idempotencyKeyReused: () =>
    new Problem(422, 'idempotency-key-reused', 'Idempotency key reused', 'This Idempotency-Key was already used with a different request'),
  idempotencyKeyInFlight: () =>
    new Problem(409, 'idempotency-key-in-flight', 'Request in progress', 'A request with this Idempotency-Key is still being processed'),
  readSideBehind: (position: number) =>
    new Problem(503, 'read-side-behind', 'Read side behind', `The read side has not applied position ${position} yet; retry shortly`, {}, { 'Retry-After': '1' }),
  badRequest: (detail: string, errors?: unknown[]) =>
    new Problem(400, 'invalid-request', 'Invalid request', detail, errors ? { errors } : {}),
};
