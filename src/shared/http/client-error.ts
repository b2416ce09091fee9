import { STATUS_CODES } from 'node:http';
import { Duplex } from 'node:stream';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

const PROBLEMS: Record<number, { title: string; detail: string }> = {
  400: { title: 'Invalid request', detail: 'The request is not valid HTTP (for example a header holds a control character)' },
  408: { title: 'Request timeout', detail: 'The request was not received in time' },
  431: { title: 'Request headers too large', detail: 'The request headers are too large' },
};

/**
 * Answers a request that Node's HTTP parser refused before any route saw it (a control
 * character in a header, a malformed request line, oversized headers) with a problem document
 * like every other error, then closes the connection, whose remaining bytes cannot be trusted.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify({ type: 'about:blank', status, ...PROBLEMS[status] });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Answers a URL the router refused before any hook or route ran (a percent-encoding that is not
 * UTF-8, such as `/appointments/%FF`: 400; an over-long path parameter: 414) with a problem
 * document. The URL itself is not echoed.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode === 414 ? 414 : error.statusCode !== undefined && error.statusCode < 500 ? 400 : 500;
  const problem =
    status === 414
      ? { title: 'URI too long', detail: 'A path parameter of the URL is too long' }
      : status === 400
        ? { title: 'Invalid request', detail: 'The URL is not valid: every percent-encoded sequence must be UTF-8' }
        : { title: 'Internal error', detail: 'An unexpected error occurred' };
  reply.code(status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify({ type: 'about:blank', status, ...problem }));
}
