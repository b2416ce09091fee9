import { DataSource } from 'typeorm';
import { HttpResponse } from './http-client';

/**
 * The tables a command or a reference-data write changes on the write path; the read side, which
 * projections fill later, is left out.
 */
const WRITTEN_TABLES = [
  'events',
  'snapshots',
  'idempotency_keys',
  'reservations',
  'hold_expiries',
  'waitlist_entries',
  'doctors',
  'patients',
  'rooms',
  'appointment_types',
  'doctor_working_hours',
  'calendar_tokens',
];

async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of WRITTEN_TABLES) counts[table] = (await dataSource.query(`select count(*)::int as count from ${table}`))[0].count;
  return counts;
}

/** Runs `attempt` and asserts that it wrote nothing at all: a failed command writes nothing. */
export async function expectWritesNothing(dataSource: DataSource, attempt: () => Promise<void>): Promise<void> {
  const before = await rowCounts(dataSource);
  await attempt();
  expect(await rowCounts(dataSource)).toEqual(before);
}

/** Characters the free-text policy refuses in every text field, each with a name for the test's key or message. */
export const BAD_TEXT: ReadonlyArray<[string, string]> = [
  ['NUL', 'before\u0000after'],
  ['BEL', 'ring\u0007'],
  ['ESC', '\u001b[31mred'],
  ['DEL', 'x\u007f'],
  ['C1', 'next\u0085line'],
  ['U+FFFF', 'x\uffff'],
];

/** An answer that names its request (`sent`), so that a failed expectation says which request it was. */
export type Answer = HttpResponse & { sent: string };

/**
 * Expects a problem document of this status; with `field`, its `errors` name that field or a
 * field inside it (a nested field is named by its path: workingHours.mon[0][1] is a field of workingHours).
 */
export function expectProblem(response: Answer, status: number, field?: string): void {
  const { sent } = response;
  expect({ sent, status: response.status, body: response.body }).toMatchObject({ sent, status, body: { status, title: expect.any(String) } });
  expect({ sent, contentType: response.headers.get('content-type') }).toEqual({ sent, contentType: expect.stringMatching(/^application\/problem\+json/) });
  if (field !== undefined) {
    const named = (response.body.errors ?? []).some((error: { field: string }) => error.field === field || error.field.startsWith(`${field}.`) || error.field.startsWith(`${field}[`));
    expect({ sent, errors: response.body.errors, named }).toEqual({ sent, errors: response.body.errors, named: true });
  }
}

/** Expects a 400 problem document; with `field`, one whose `errors` name that field. */
export function expectInvalid(response: Answer, field?: string): void {
  expectProblem(response, 400, field);
}
