import fc from 'fast-check';
import { ClinicUnderTest, WriteCounts } from './clinic-under-test';
import { RawReply } from './raw-http';

/**
 * The contract every answer keeps, whatever was sent:
 * - never a 5xx, except the documented 503 of a read that waits for a `minPosition` beyond
 *   the end of the log;
 * - every 4xx and 5xx is an RFC 9457 problem (application/problem+json with type, title,
 *   status and detail);
 * - a refused request writes nothing;
 * - after an accepted command every subscription passes its events (none stops, none loops,
 *   none parks an event) and the service stays ready.
 */

export class ContractBroken extends Error {
  override name = 'ContractBroken';
}

/** A reply as it reads in a failure report. */
export function describeReply(reply: RawReply): string {
  const text = reply.text.length > 400 ? `${reply.text.slice(0, 400)}...` : reply.text;
  return `${reply.status} (${reply.contentType || 'no content-type'}) ${text}`;
}

/** What a request wrote before its answer, to tell a refusal that wrote something. */
export interface Before {
  counts: WriteCounts;
  deadLetters: number;
  head: number;
}

export async function before(clinic: ClinicUnderTest): Promise<Before> {
  const [counts, deadLetters, head] = await Promise.all([clinic.writeCounts(), clinic.deadLetters(), clinic.headPosition()]);
  return { counts, deadLetters, head };
}

export function expectProblemDocument(reply: RawReply): void {
  if (!reply.contentType.startsWith('application/problem+json')) throw new ContractBroken(`A ${reply.status} that is not application/problem+json: ${describeReply(reply)}`);
  const problem = reply.json;
  const wellFormed =
    typeof problem === 'object' && problem !== null && typeof problem.type === 'string' && typeof problem.title === 'string' && typeof problem.detail === 'string' && problem.status === reply.status;
  if (!wellFormed) throw new ContractBroken(`A problem without type, title, detail and its status: ${describeReply(reply)}`);
}

export interface Expectations {
  /**
   * The minPosition the request asked for, as sent: a 503 `read-side-behind` (with Retry-After)
   * is the contract when it lies beyond the log's head.
   */
  minPosition?: string;
}

function isReadSideBehind(reply: RawReply, head: number, expectations: Expectations): boolean {
  const asked = expectations.minPosition === undefined ? NaN : Number(expectations.minPosition.trim());
  return reply.status === 503 && asked > head && String(reply.json?.type).endsWith('read-side-behind') && reply.headers.get('retry-after') !== null;
}

/** Judges a reply against the contract above; `start` was taken just before the request. */
export async function expectContractKept(clinic: ClinicUnderTest, reply: RawReply, start: Before, expectations: Expectations = {}): Promise<void> {
  if (reply.status >= 500 && !isReadSideBehind(reply, start.head, expectations)) throw new ContractBroken(`A server error: ${describeReply(reply)}`);
  if (reply.status >= 400) {
    expectProblemDocument(reply);
    const after = await clinic.writeCounts();
    const changed = (Object.keys(after) as Array<keyof WriteCounts>).filter((table) => after[table] !== start.counts[table]);
    if (changed.length > 0) {
      throw new ContractBroken(`A refused request (${reply.status}) wrote ${changed.map((table) => `${table} ${start.counts[table]} -> ${after[table]}`).join(', ')}: ${describeReply(reply)}`);
    }
    return;
  }
  const position = reply.headers.get('x-event-position');
  if (reply.status < 300 && position !== null) await expectReadSideHealthy(clinic, Number(position), start);
}

/** After an accepted command: every subscription passed it, none parked it, /health/ready is 200. */
export async function expectReadSideHealthy(clinic: ClinicUnderTest, position: number, start: Before): Promise<void> {
  try {
    await clinic.readSidePasses(position);
  } catch (error) {
    throw new ContractBroken(`An accepted command's events did not pass through the read side: ${(error as Error).message}`);
  }
  const parked = (await clinic.deadLetters()) - start.deadLetters;
  if (parked > 0) throw new ContractBroken(`An accepted command's events were parked as dead letters (${parked})`);
  const ready = await clinic.send({ method: 'GET', target: '/health/ready' });
  if (ready.status !== 200) throw new ContractBroken(`/health/ready after an accepted command: ${describeReply(ready)}`);
}

/** Jest's limit for one property: its runs, and the shrinking of a failure (bounded below). */
export const PROPERTY_TIMEOUT_MS = 240_000;

/**
 * At most this many shrunk candidates per generated value: a candidate that poisons the read
 * side costs a few seconds (the deadline of a looping subscription), so an unbounded shrink of a
 * failure could run for many minutes.
 */
const MAX_SHRINKS = 30;

/** The arguments of a property, shrinking bounded. */
export function bounded<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.limitShrink(arbitrary, MAX_SHRINKS);
}

/**
 * Runs a property with a fixed seed (PROPERTY_SEED overrides it, to explore), so that the tier
 * gives the same verdict on every run and a failure can be replayed from its report.
 */
export async function checkProperty<Ts extends [unknown, ...unknown[]]>(property: fc.IAsyncProperty<Ts>, numRuns: number): Promise<void> {
  const seed = process.env.PROPERTY_SEED === undefined ? 20261111 : Number(process.env.PROPERTY_SEED);
  await fc.assert(property, { numRuns, seed, endOnFailure: process.env.PROPERTY_NO_SHRINK === 'true' });
}
