import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { BenchClinic, bookingNumber } from '../bench-clinic';
import { Counter, round } from '../stats';
import { ThroughputResult } from './direct-booking';

/** Runs autocannon and fails on any error or non-2xx answer: a benchmark of failures is worthless. */
export async function load(options: autocannon.Options): Promise<autocannon.Result> {
  const result = await autocannon(options);
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
    throw new Error(`${options.title}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`);
  }
  return result;
}

/**
 * B1: POST /appointments over HTTP, every booking for a distinct doctor/room/patient slot (no
 * conflicts), each with its own Idempotency-Key, so the database does the same work as in B0.
 */
export async function runHttpBooking(
  baseUrl: string,
  token: string,
  clinic: BenchClinic,
  counter: Counter,
  concurrency: number,
  durationMs: number,
): Promise<ThroughputResult> {
  const result = await load({
    title: `B1 c=${concurrency}`,
    url: baseUrl,
    connections: concurrency,
    duration: durationMs / 1000,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        path: '/appointments',
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'idempotency-key': randomUUID() },
          body: JSON.stringify(bookingNumber(clinic, counter.next())),
        }),
      },
    ],
  });
  return {
    concurrency,
    perSecond: round(result.requests.total / result.duration),
    total: result.requests.total,
    latency: { count: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  };
}
