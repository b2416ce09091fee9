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
  readSideBehind: (position: number) =>
    new Problem(503, 'read-side-behind', 'Read side behind', `The read side has not applied position ${position} yet; retry shortly`, {}, { 'Retry-After': '1' }),
  badRequest: (detail: string, errors?: unknown[]) =>
    new Problem(400, 'invalid-request', 'Invalid request', detail, errors ? { errors } : {}),
};
