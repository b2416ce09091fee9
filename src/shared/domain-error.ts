/**
 * What kind of refusal an error is. The HTTP edge alone turns a kind into a status (see
 * problem-details.filter.ts) and the metrics into an outcome; nothing else needs to know.
 * - `not-found`: the thing acted on does not exist, or is not the caller's to see;
 * - `forbidden`: the caller may not do this;
 * - `conflict`: the state changed under the request (a slot taken, a concurrent change);
 * - `stale`: the request's precondition (If-Match) no longer holds;
 * - `rule-broken`: a rule of the domain refuses the request as it stands;
 * - `gone`: what the request names existed but is over for good (a hold expired or released).
 */
export type ErrorKind = 'not-found' | 'forbidden' | 'conflict' | 'stale' | 'rule-broken' | 'gone';

/**
 * A refused command or query. Each has a stable `code` (the problem type of the API) and a
 * kind; the message is written for the person who made the request; `details` are structured
 * facts a client can act on (which resource is taken, which versions were expected).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;
  /** A short, stable summary of the problem type; the kind's general title when absent. */
  readonly title?: string;
  readonly details: Record<string, unknown> = {};

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
