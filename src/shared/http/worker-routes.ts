import { FastifyInstance } from 'fastify';
import { problemType } from './problem';

/**
 * What a worker (RUN_HTTP=false) answers on its port: liveness and readiness, so that an
 * orchestrator can probe it, and the metrics, so that Prometheus can scrape it.
 */
const WORKER_PATHS = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/** The path of a request URL, without its query and a trailing slash. */
function pathOf(url: string): string {
  const path = url.split('?', 1)[0];
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * Makes the instance a worker on HTTP: every route but /health and /metrics is a 404 problem
 * before authentication or parsing, so that a worker serves no API even if traffic reaches it.
 */
export function serveOperationsOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (WORKER_PATHS.has(pathOf(request.url))) return;
    await reply
      .code(404)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send({
        type: problemType('not-found'),
        title: 'Not found',
        status: 404,
        detail: 'This instance is a worker (RUN_HTTP=false): it serves only /health, /health/live, /health/ready and /metrics',
      });
  });
}
