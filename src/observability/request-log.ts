import { FastifyReply, FastifyRequest, LogController } from 'fastify';
import { redactUrl } from './log-redaction';

/** The route of a request no route matched (the same label as the HTTP metrics). */
export const UNMATCHED_ROUTE = 'unmatched';

/** Milliseconds to a tenth: enough for a request, short to read. */
function milliseconds(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Fastify's per-request lines, in the shape the clinic's logs use: `incoming request` with the
 * method and the URL (credentials in its query redacted), then `request completed` with the
 * method, the route pattern (`/appointments/:id`, never the raw URL with its ids and query),
 * the status code and the response time in ms. Both lines carry the request id and the
 * correlation id (bound by the child logger, see http-app).
 */
export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ method: request.method, url: redactUrl(request.url) }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      statusCode: reply.statusCode,
      responseTime: milliseconds(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }

  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ method: request.method, url: redactUrl(request.url) }, 'route not found');
  }
}
