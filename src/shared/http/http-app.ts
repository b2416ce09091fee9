import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyBaseLogger } from 'fastify';
import { Logger } from 'pino';
import { AppConfig } from '../../config/app-config';
import { RequestLogController } from '../../observability/request-log';
import { answerClientError, answerFrameworkError } from './client-error';
import { useStrictJsonBodies } from './json-body';
import { ClinicRequest } from './request-context';
import { serveOperationsOnly } from './worker-routes';

/** Request bodies above this size are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 100 * 1024;

const CORRELATION_ID = /^[\w.:-]{1,128}$/;

/** Response headers a browser client of another origin may read. */
const EXPOSED_HEADERS = ['ETag', 'Location', 'X-Event-Position', 'X-Request-Id', 'X-Correlation-Id', 'Retry-After', 'Idempotent-Replayed'];

/** The correlation id of a request: the caller's `X-Correlation-Id` when sane, else a new one. */
function correlationIdOf(raw: IncomingMessage & { correlationId?: string }): string {
  if (!raw.correlationId) {
    const given = raw.headers['x-correlation-id'];
    raw.correlationId = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
  }
  return raw.correlationId;
}

export function createHttpAdapter(logger?: Logger): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    genReqId: () => randomUUID(),
    loggerInstance: logger,
    // Request lines by method, route pattern and status, their URL's credentials redacted.
    logController: new RequestLogController(),
    // Every line logged for a request, the first one included, carries its correlation id.
    childLoggerFactory: (parent: FastifyBaseLogger, bindings: Record<string, unknown>, options: object, raw: IncomingMessage) =>
      parent.child({ ...bindings, correlationId: correlationIdOf(raw) }, options),
  });
}

/**
 * Request ids and correlation ids on every request: the correlation id comes from
 * `X-Correlation-Id` when the caller sends a sane one, else it is generated; both are echoed.
 * Errors raised by Fastify itself (malformed JSON, body too large) reach the exception filters
 * through Nest's error handler and become problem documents like every other error.
 */
const shuttingDown = new WeakSet<NestFastifyApplication>();

/** From now on every response closes its connection (see configureHttpApp). */
export function beginShutdown(app: NestFastifyApplication): void {
  shuttingDown.add(app);
}

export async function configureHttpApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  useStrictJsonBodies(app, BODY_LIMIT_BYTES);
  // Security headers: same-origin everything (inline script and styles stay allowed for the API documentation page at /docs); the dashboard's page answers with a stricter policy of its own.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
      },
    },
  });
  app.enableCors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, exposedHeaders: EXPOSED_HEADERS });
  fastify.decorateRequest('correlationId', '');
  // While shutting down, answers close their connection: keep-alive clients cannot hold the
  // server open, and requests already in flight still get their answer.
  fastify.addHook('onSend', async (_request, reply) => {
    if (shuttingDown.has(app)) reply.header('connection', 'close');
  });
  fastify.addHook('onRequest', async (request, reply) => {
    const clinicRequest = request as unknown as ClinicRequest;
    clinicRequest.correlationId = correlationIdOf(request.raw);
    reply.header('X-Request-Id', request.id);
    reply.header('X-Correlation-Id', clinicRequest.correlationId);
  });
  if (!config.runHttp) serveOperationsOnly(fastify);
}
