import { SeriesRecurrence } from '../domain/series.events';
import { expandOccurrences, localTimeOf, MAX_OCCURRENCES, occurrenceDates, recurrenceOf, recurrenceProblems } from './recurrence';

const weekly = (overrides: Partial<SeriesRecurrence>): SeriesRecurrence => ({ frequency: 'weekly', interval: 1, count: null, until: null, ...overrides });
const starts = (occurrences: Array<{ start: Date }>) => occurrences.map(({ start }) => start.toISOString());

describe('Recurrence of a series', () => {
  it('defaults the interval to one week and records the absent bound as null', () => {
    expect(recurrenceOf({ frequency: 'weekly', count: 3 })).toEqual({ frequency: 'weekly', interval: 1, count: 3, until: null });
    expect(recurrenceOf({ frequency: 'weekly', interval: 2, until: '2027-05-03' })).toEqual({ frequency: 'weekly', interval: 2, count: null, until: '2027-05-03' });
  });

  it('gives `count` occurrences a week apart', () => {
    expect(occurrenceDates('2027-03-22', weekly({ count: 3 }))).toEqual(['2027-03-22', '2027-03-29', '2027-04-05']);
  });

  it('gives every occurrence up to `until`, inclusive', () => {
    expect(occurrenceDates('2027-03-22', weekly({ until: '2027-04-05' }))).toEqual(['2027-03-22', '2027-03-29', '2027-04-05']);
    expect(occurrenceDates('2027-03-22', weekly({ until: '2027-04-04' }))).toEqual(['2027-03-22', '2027-03-29']);
  });

  it('skips weeks with an interval of two', () => {
    expect(occurrenceDates('2027-03-22', weekly({ interval: 2, count: 3 }))).toEqual(['2027-03-22', '2027-04-05', '2027-04-19']);
    expect(occurrenceDates('2027-03-22', weekly({ interval: 2, until: '2027-04-18' }))).toEqual(['2027-03-22', '2027-04-05']);
  });

  it('keeps 09:00 in Berlin across the end of daylight saving time on 2027-10-31: the UTC offset changes from +02:00 to +01:00', () => {
    const occurrences = expandOccurrences(new Date('2027-10-18T07:00:00Z'), 'Europe/Berlin', 30, weekly({ count: 4 }));
    expect(starts(occurrences)).toEqual(['2027-10-18T07:00:00.000Z', '2027-10-25T07:00:00.000Z', '2027-11-01T08:00:00.000Z', '2027-11-08T08:00:00.000Z']);
    expect(occurrences.map(({ start }) => localTimeOf(start, 'Europe/Berlin'))).toEqual(['09:00', '09:00', '09:00', '09:00']);
    expect(occurrences.map(({ end }) => end.toISOString())[2]).toBe('2027-11-01T08:30:00.000Z');
  });

  it('keeps 09:00 in Berlin across the start of daylight saving time on 2027-03-28: the UTC offset changes from +01:00 to +02:00', () => {
    const occurrences = expandOccurrences(new Date('2027-03-22T08:00:00Z'), 'Europe/Berlin', 30, weekly({ count: 3 }));
    expect(starts(occurrences)).toEqual(['2027-03-22T08:00:00.000Z', '2027-03-29T07:00:00.000Z', '2027-04-05T07:00:00.000Z']);
    expect(occurrences.map(({ localDate }) => localDate)).toEqual(['2027-03-22', '2027-03-29', '2027-04-05']);
  });

  it('reads `until` on the doctor clock: a late evening in New York is the next day in Berlin', () => {
    const lateEvening = new Date('2027-03-23T03:30:00Z');
    expect(expandOccurrences(lateEvening, 'America/New_York', 30, weekly({ until: '2027-03-22' }))).toHaveLength(1);
    expect(expandOccurrences(lateEvening, 'Europe/Berlin', 30, weekly({ until: '2027-03-22' }))).toHaveLength(0);
  });

  it('stops one past the cap, so that a series too long can be told', () => {
    expect(occurrenceDates('2027-01-04', weekly({ until: '2027-12-31' }))).toHaveLength(MAX_OCCURRENCES);
    expect(occurrenceDates('2027-01-04', weekly({ until: '2028-01-03' }))).toHaveLength(MAX_OCCURRENCES + 1);
  });

  it('accepts an until within the year from the start that gives at most 52 occurrences', () => {
    expect(recurrenceProblems('2027-01-04', weekly({ until: '2027-12-27' }))).toEqual([]);
    expect(recurrenceProblems('2027-01-04', weekly({ interval: 4, until: '2028-01-03' }))).toEqual([]);
    expect(recurrenceProblems('2027-01-04', weekly({ count: 52 }))).toEqual([]);
  });

  it('refuses an until before the start, a year or more after it, or giving more than 52 occurrences', () => {
    expect(recurrenceProblems('2027-03-22', weekly({ until: '2027-03-21' }))).toEqual([{ field: 'recurrence.until', message: expect.stringContaining('before the start') }]);
    expect(recurrenceProblems('2027-03-22', weekly({ interval: 4, until: '2028-03-22' }))).toEqual([{ field: 'recurrence.until', message: expect.stringContaining('within a year') }]);
    expect(recurrenceProblems('2027-01-04', weekly({ until: '2028-01-03' }))).toEqual([{ field: 'recurrence.until', message: expect.stringContaining('more than 52') }]);
  });

  it('refuses a recurrence with neither or both of count and until, on both fields', () => {
    const oneEnd = [
      { field: 'recurrence.count', message: 'recurrence needs exactly one of count and until' },
      { field: 'recurrence.until', message: 'recurrence needs exactly one of count and until' },
    ];
    expect(recurrenceProblems('2027-01-04', weekly({}))).toEqual(oneEnd);
    expect(recurrenceProblems('2027-01-04', weekly({ count: 3, until: '2027-02-01' }))).toEqual(oneEnd);
  });
});
