import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import { isDatabaseUnavailable } from '../database-errors';
import { DomainError, ErrorKind } from '../domain-error';
import { Problem, ProblemBody, problemType } from './problem';

const STATUS_TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Rule broken',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
};

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * PostgreSQL unreachable (down, restarting, refusing connections): an outage of the service,
 * the same for every route, never a 500. A command whose connection was lost is rolled back by
 * the server; only a connection lost during COMMIT itself leaves the outcome unknown, which a
 * retry with the same Idempotency-Key answers.
 */
function databaseUnavailable(): Problem {
  return new Problem(
    503,
    'database-unavailable',
    'Database unavailable',
    'The database cannot be reached right now; retry shortly',
    {},
    { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
  );
}

/** The HTTP status of each kind of refusal: the one place where domain errors meet HTTP. */
const STATUS_OF_KIND: Record<ErrorKind, number> = {
  'not-found': 404,
  forbidden: 403,
  conflict: 409,
  stale: 412,
  'rule-broken': 422,
  gone: 410,
};

/** Turns any error into an RFC 9457 problem body and its status. */
export function toProblem(error: unknown, logger: Logger): ProblemBody {
  if (error instanceof Problem) {
    return { type: problemType(error.code), title: error.title, status: error.status, detail: error.detail, ...error.extensions };
  }
  if (error instanceof DomainError) {
    const status = STATUS_OF_KIND[error.kind];
    return { type: problemType(error.code), title: error.title ?? STATUS_TITLES[status], status, detail: error.message, ...error.details };
  }
  const status = httpStatusOf(error);
  if (status !== undefined && (status < 500 || error instanceof HttpException)) {
    return { type: 'about:blank', title: STATUS_TITLES[status] ?? 'Error', status, detail: detailOf(error), ...detailsOf(error) };
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { type: 'about:blank', title: STATUS_TITLES[500], status: 500, detail: 'An unexpected error occurred' };
}

function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/** Structured details an exception carries (a failed health check's indicators). */
function detailsOf(error: unknown): Record<string, unknown> {
  const response = error instanceof HttpException ? error.getResponse() : null;
  return typeof response === 'object' && response !== null && 'details' in response ? { details: response.details } : {};
}

function detailOf(error: unknown): string {
  if (error instanceof HttpException) {
    // Null too when the exception was made with it, whatever the type says.
    const response: unknown = error.getResponse();
    if (typeof response === 'object' && response !== null && 'message' in response) {
      const message = response.message;
      return Array.isArray(message) ? message.join('; ') : String(message);
    }
    return error.message;
  }
  return (error as Error).message;
}

/**
 * The router's own 404 (no route matches) names the method and the path, never the query
 * string, which may carry a credential (`?access_token=`).
 */
function unknownRoute(error: unknown, host: ArgumentsHost): Problem | undefined {
  if (!(error instanceof NotFoundException)) return undefined;
  const request = host.switchToHttp().getRequest<{ method?: string; url?: string }>();
  const path = (request.url ?? '').split('?')[0];
  return new Problem(404, 'not-found', STATUS_TITLES[404], `No route answers ${request.method ?? ''} ${path}`.replace(/\s+$/, ''));
}

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): unknown;
}

export function sendProblem(reply: ReplyLike, problem: ProblemBody): void {
  reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
}

/** Every error leaves the application as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(caught: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const answered = caught instanceof Problem || caught instanceof HttpException;
    const error = !answered && isDatabaseUnavailable(caught) ? this.outage(caught) : unknownRoute(caught, host) ?? caught;
    if (error instanceof Problem) for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    sendProblem(reply, toProblem(error, this.logger));
  }

  private outage(error: unknown): Problem {
    this.logger.warn(`Database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return databaseUnavailable();
  }
}
