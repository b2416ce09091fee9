import { DataSource } from 'typeorm';

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
