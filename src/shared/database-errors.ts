/**
 * Telling "PostgreSQL cannot be reached right now" apart from every other database error.
 *
 * An unavailable database is an outage of the service, not a fault of the request nor a bug:
 * the HTTP edge answers it with 503 and Retry-After, and the subscriptions wait and retry it
 * without counting it as a failed attempt at the event. Every other error keeps its meaning
 * (a constraint violation, a serialization failure, a syntax error is a bug).
 */

import { PG_ERROR } from './postgres-error-codes';

/**
 * SQLSTATE codes that mean the session is gone or cannot be opened; class 08 (connection
 * exception) is matched by its prefix below.
 */
const UNAVAILABLE_SQLSTATES = new Set<string>([
  PG_ERROR.ADMIN_SHUTDOWN,
  PG_ERROR.CRASH_SHUTDOWN,
  PG_ERROR.CANNOT_CONNECT_NOW,
  PG_ERROR.DATABASE_DROPPED,
  PG_ERROR.TOO_MANY_CONNECTIONS,
]);

/**
 * 55000 object_not_in_prerequisite_state is unavailability only when the server raises it while a
 * session starts (`ALTER DATABASE ... ALLOW_CONNECTIONS false`, during maintenance): such an
 * error is FATAL, and comes from the server's start-up check of the database.
 */
const DATABASE_NOT_ACCEPTING_CONNECTIONS = PG_ERROR.OBJECT_NOT_IN_PREREQUISITE_STATE;
const START_UP_CHECK_ROUTINE = 'CheckMyDatabase';

/** Socket errors of Node.js on the way to the server. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Messages of errors that node-postgres and its pool raise without a code: the connection ended
 * under a query (also by a connect timeout), a client already broken was used, or the pool had
 * no connection to give in time.
 */
const UNAVAILABLE_CLIENT_MESSAGES = [
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^timeout exceeded when trying to connect$/,
];

/** How deep wrapped errors (cause, driverError, AggregateError) are followed. */
const MAX_DEPTH = 5;

interface ErrorLike {
  code?: unknown;
  severity?: unknown;
  routine?: unknown;
  message?: unknown;
  cause?: unknown;
  /** TypeORM's QueryFailedError keeps the driver's error here. */
  driverError?: unknown;
  /** Node's AggregateError: one error per address tried (IPv6 and IPv4 of `localhost`). */
  errors?: unknown;
}

/** True when the error (or an error it wraps) says PostgreSQL cannot be reached or used right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailable(error, 0);
}

function unavailable(error: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) return false;
  const { code, severity, routine, message, cause, driverError, errors } = error as ErrorLike;
  if (typeof code === 'string') {
    if (code.startsWith(PG_ERROR.CONNECTION_EXCEPTION_CLASS) || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    if (code === DATABASE_NOT_ACCEPTING_CONNECTIONS && (severity === 'FATAL' || routine === START_UP_CHECK_ROUTINE)) return true;
  }
  if (typeof message === 'string' && code === undefined && UNAVAILABLE_CLIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => unavailable(inner, depth + 1))) return true;
  return unavailable(driverError, depth + 1) || unavailable(cause, depth + 1);
}
