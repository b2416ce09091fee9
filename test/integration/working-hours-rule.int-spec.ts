import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { isWithinWorkingHours, TimeRange, WEEKDAYS, WorkingHours, workingHoursProblems } from '../../src/appointments/domain/working-hours';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The working-hours rule is said twice: in TypeScript (isWithinWorkingHours, for one booking)
 * and in SQL (within_working_hours, for queries over many appointments). Given random hours,
 * zones and instants around the days the clocks change and around midnight, when both are
 * asked, then they answer the same, on real PostgreSQL.
 */

/**
 * Zones whose clocks change at 02:00 (Europe/Berlin), at 02:00 going forward and back into
 * 01:00 (America/New_York), by half an hour (Australia/Lord_Howe), at midnight (America/Havana,
 * America/Santiago), and zones that never change.
 */
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Havana', 'America/Santiago', 'Asia/Kolkata', 'UTC'];

/** Instants the clocks change in 2027 in those zones; local midnights lie within a day of each. */
const CLOCK_CHANGES = [
  '2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z', // Europe/Berlin
  '2027-03-14T07:00:00Z', '2027-11-07T06:00:00Z', // America/New_York
  '2027-04-03T15:00:00Z', '2027-10-02T15:30:00Z', // Australia/Lord_Howe
  '2027-03-14T05:00:00Z', '2027-11-07T05:00:00Z', // America/Havana
  '2027-04-04T03:00:00Z', '2027-09-05T04:00:00Z', // America/Santiago
  '2027-06-15T00:00:00Z', // no change anywhere near
].map((iso) => new Date(iso).getTime());

const HALF_HOURS_OF_DAY = 48;

function clock(halfHours: number): string {
  if (halfHours === HALF_HOURS_OF_DAY) return '24:00';
  return `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 === 0 ? '00' : '30'}`;
}

/** Ranges of one weekday: an even number of distinct half-hour marks, paired in order. */
const rangesOfADay = fc
  .uniqueArray(fc.integer({ min: 0, max: HALF_HOURS_OF_DAY }), { maxLength: 6 })
  .map((marks) => {
    const sorted = [...marks].sort((a, b) => a - b);
    const ranges: TimeRange[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push([clock(sorted[i]), clock(sorted[i + 1])]);
    return ranges;
  });

const workingHours: fc.Arbitrary<WorkingHours> = fc.record(Object.fromEntries(WEEKDAYS.map((day) => [day, rangesOfADay])), { requiredKeys: [] });

/** A stretch of time starting within two days of a clock change, on quarter hours or any minute. */
const stretch = fc
  .record({
    change: fc.constantFrom(...CLOCK_CHANGES),
    minutes: fc.oneof(fc.integer({ min: -192, max: 192 }).map((quarters) => quarters * 15), fc.integer({ min: -2880, max: 2880 })),
    length: fc.oneof(fc.integer({ min: 1, max: 32 }).map((quarters) => quarters * 15), fc.integer({ min: 1, max: 1500 })),
  })
  .map(({ change, minutes, length }) => {
    const start = new Date(change + minutes * 60_000);
    return { start, end: new Date(start.getTime() + length * 60_000) };
  });

describe('Working hours: the SQL rule and the TypeScript rule agree', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const sqlSays = async (hours: WorkingHours, zone: string, start: Date, end: Date): Promise<boolean> => {
    const [{ within }]: Array<{ within: boolean }> = await db.query(`select within_working_hours($1::jsonb, $2, $3, $4) as within`, [
      JSON.stringify(hours),
      zone,
      start,
      end,
    ]);
    return within;
  };

  it('for random hours, zones and stretches of time around clock changes and midnight', async () => {
    await fc.assert(
      fc.asyncProperty(workingHours, fc.constantFrom(...ZONES), stretch, async (hours, zone, { start, end }) => {
        expect(workingHoursProblems(hours)).toEqual([]);
        const doctor = { id: 'doctor', timezone: zone, workingHours: hours };
        expect(await sqlSays(hours, zone, start, end)).toBe(isWithinWorkingHours(doctor, start, end));
      }),
      { numRuns: 3000 },
    );
  });

  it('for a stretch that exactly fills a range, ends at 24:00 or crosses the ambiguous hour of a fall-back night', async () => {
    const cases: Array<[WorkingHours, string, string, string]> = [
      [{ mon: [['09:00', '17:00']] }, 'Europe/Berlin', '2027-03-29T07:00:00Z', '2027-03-29T15:00:00Z'],
      [{ sun: [['20:00', '24:00']] }, 'Europe/Berlin', '2027-03-28T21:00:00Z', '2027-03-28T22:00:00Z'],
      [{ sun: [['00:00', '24:00']] }, 'America/New_York', '2027-11-07T04:00:00Z', '2027-11-08T05:00:00Z'],
      [{ sun: [['01:30', '03:00']] }, 'America/New_York', '2027-11-07T05:30:00Z', '2027-11-07T06:00:00Z'],
      [{ sun: [['02:30', '04:00']] }, 'Europe/Berlin', '2027-10-31T00:30:00Z', '2027-10-31T01:30:00Z'],
      [{ sun: [['02:30', '04:00']] }, 'Europe/Berlin', '2027-03-28T01:30:00Z', '2027-03-28T02:00:00Z'],
    ];
    for (const [hours, zone, start, end] of cases) {
      const doctor = { id: 'doctor', timezone: zone, workingHours: hours };
      expect({ zone, start, sql: await sqlSays(hours, zone, new Date(start), new Date(end)) }).toEqual({
        zone,
        start,
        sql: isWithinWorkingHours(doctor, new Date(start), new Date(end)),
      });
    }
  });
});
