import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { BenchClinic, bookingNumber } from '../bench-clinic';
import { Counter, round, summarize } from '../stats';
import { ThroughputResult } from './direct-booking';

/**
 * Runs autocannon and fails on any error or non-2xx answer: a benchmark of failures is worthless.
 * `onResponse` sees each answer's time in ms.
 */
export async function load(options: autocannon.Options, onResponse?: (milliseconds: number) => void): Promise<autocannon.Result> {
  // Without a callback autocannon answers its instance, which is also a promise of the result.
  const running = autocannon(options) as Promise<autocannon.Result> & autocannon.Instance;
  const events: autocannon.Instance = running;
  if (onResponse) events.on('response', (_client: unknown, _status: number, _bytes: number, milliseconds: number) => onResponse(milliseconds));
  const result = await running;
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
    throw new Error(`${options.title}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`);
  }
  return result;
}

/**
 * B1: POST /appointments over HTTP, every booking for a distinct doctor/room/patient slot (no
 * conflicts), each with its own Idempotency-Key, so the database does the same work as in B0.
 * A closed loop: `concurrency` connections, each sending its next booking when the last one is
 * answered. With several base URLs (B9: several API processes) the connections are split evenly
 * across them and the figures are of all answers together.
 */
export async function runHttpBooking(
  baseUrls: string | readonly string[],
  token: string,
  clinic: BenchClinic,
  counter: Counter,
  concurrency: number,
  durationMs: number,
): Promise<ThroughputResult> {
  const urls = typeof baseUrls === 'string' ? [baseUrls] : baseUrls;
  const latencies: number[] = [];
  const results = await Promise.all(
    urls.map((url, n) =>
      load(
        {
          title: `B1 c=${concurrency} on ${url}`,
          url,
          // The connections split as evenly as they go: 32 over 2 is 16 and 16.
          connections: Math.floor(concurrency / urls.length) + (n < concurrency % urls.length ? 1 : 0),
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
        },
        (milliseconds) => latencies.push(milliseconds),
      ),
    ),
  );
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  const seconds = Math.max(...results.map((result) => result.duration));
  return { concurrency, perSecond: round(total / seconds), total, latency: summarize(latencies) };
}

/** A load sent at a fixed arrival rate: what was asked for beside what was answered. */
export interface OpenLoopResult extends ThroughputResult {
  /** Bookings per second the schedule sent. */
  offeredPerSecond: number;
}

/**
 * The booking load of B1 as an open loop: one booking every 1/`perSecond` s on a fixed schedule,
 * whether or not the earlier ones are answered (up to 256 connections), so that a slow answer
 * delays no later arrival. A latency is counted from the booking's scheduled time, so that a
 * late send counts against the app, not in its favour.
 */
export async function runOpenLoopBooking(
  baseUrl: string,
  token: string,
  clinic: BenchClinic,
  counter: Counter,
  perSecond: number,
  durationMs: number,
): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const { hostname, port } = new URL(baseUrl);
  const latencies: number[] = [];
  const failures: string[] = [];
  const inFlight: Array<Promise<void>> = [];
  const book = (scheduledAt: number) =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify(bookingNumber(clinic, counter.next()));
      const sent = request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: '/appointments',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': randomUUID() },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode === 201) latencies.push(performance.now() - scheduledAt);
            else failures.push(`answered ${response.statusCode}`);
            resolve();
          });
        },
      );
      sent.on('error', (error) => {
        failures.push(error.message);
        resolve();
      });
      sent.end(body);
    });
  const interval = 1000 / perSecond;
  const started = performance.now();
  let sent = 0;
  while (sent * interval < durationMs) {
    const due = started + sent * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(book(due));
    sent++;
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  if (failures.length > 0) throw new Error(`Open-loop booking at ${perSecond}/s: ${failures.length} of ${sent} failed (first: ${failures[0]})`);
  return {
    concurrency: 0,
    offeredPerSecond: round(sent / (durationMs / 1000)),
    perSecond: round(latencies.length / seconds),
    total: latencies.length,
    latency: summarize(latencies),
  };
}
