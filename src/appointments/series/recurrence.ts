import { DateTime } from 'luxon';
import { SeriesRecurrence } from '../domain/series.events';

/**
 * How a weekly series repeats, and where a clinic draws the line. A series is a course of
 * treatment (physiotherapy twice a month, a weekly check), not a standing order: it holds at
 * most MAX_OCCURRENCES appointments and ends at most a year after its first one.
 */
export const MAX_OCCURRENCES = 52;
/** The longest gap between two occurrences, in weeks. */
export const MAX_INTERVAL_WEEKS = 52;
/** `until` lies before the local date of the start plus this many years. */
export const MAX_SPAN_YEARS = 1;

/** A recurrence as a request sends it: `interval` defaults to 1; exactly one of `count` and `until`. */
export interface RecurrenceRequest {
  frequency: 'weekly';
  interval?: number;
  count?: number;
  until?: string;
}

/** One occurrence as planned: its time, the local date in the doctor's zone and the index (0 = the first). */
export interface PlannedOccurrence {
  index: number;
  localDate: string;
  start: Date;
  end: Date;
}

/** The recurrence as the series' event records it. */
export function recurrenceOf(request: RecurrenceRequest): SeriesRecurrence {
  return { frequency: 'weekly', interval: request.interval ?? 1, count: request.count ?? null, until: request.until ?? null };
}

/**
 * The local dates of the occurrences from the local date `first` (`YYYY-MM-DD`): every
 * `interval` weeks, `count` of them or as many as fall on or before `until`. It stops one past
 * MAX_OCCURRENCES, so that a caller can tell a series that is too long.
 */
export function occurrenceDates(first: string, recurrence: SeriesRecurrence): string[] {
  const start = DateTime.fromISO(first, { zone: 'UTC' });
  const dates: string[] = [];
  for (let index = 0; index <= MAX_OCCURRENCES; index++) {
    const date = start.plus({ weeks: index * recurrence.interval }).toISODate() as string;
    if (recurrence.count !== null && index >= recurrence.count) break;
    if (recurrence.until !== null && date > recurrence.until) break;
    dates.push(date);
  }
  return dates;
}

/** What a recurrence with neither or both of its ends is told. */
export const ONE_END_NEEDED = 'recurrence needs exactly one of count and until';

/** A recurrence ends either after `count` occurrences or on `until`: exactly one of the two. */
export function hasOneEnd(recurrence: SeriesRecurrence): boolean {
  return (recurrence.count === null) !== (recurrence.until === null);
}

/**
 * Why a recurrence cannot be booked from a start whose local date is `firstDate`, by field;
 * empty when it can. Exactly one of `count` and `until`, the caps above, `until` not before the
 * start, and at least one occurrence.
 */
export function recurrenceProblems(firstDate: string, recurrence: SeriesRecurrence): Array<{ field: string; message: string }> {
  if (!hasOneEnd(recurrence)) {
    return [
      { field: 'recurrence.count', message: ONE_END_NEEDED },
      { field: 'recurrence.until', message: ONE_END_NEEDED },
    ];
  }
  const problems: Array<{ field: string; message: string }> = [];
  if (recurrence.until !== null) {
    const latest = DateTime.fromISO(firstDate, { zone: 'UTC' }).plus({ years: MAX_SPAN_YEARS }).toISODate() as string;
    if (recurrence.until < firstDate) problems.push({ field: 'recurrence.until', message: `recurrence.until must not be before the start's date ${firstDate}` });
    else if (recurrence.until >= latest) problems.push({ field: 'recurrence.until', message: `recurrence.until must be before ${latest}: a series ends within a year of its start` });
    else if (occurrenceDates(firstDate, recurrence).length > MAX_OCCURRENCES) {
      problems.push({ field: 'recurrence.until', message: `recurrence.until gives more than ${MAX_OCCURRENCES} occurrences` });
    }
  }
  return problems;
}

/**
 * The occurrences of a series whose first one starts at `start`, each at the same wall-clock
 * time in the doctor's zone as the first (09:00 stays 09:00 when the clocks change, so the
 * instant moves by the change), each `durationMinutes` long. A wall-clock time the zone skips
 * that day (in the hour the clocks go forward) is moved forward by the gap, as the zone's rules
 * read it.
 */
export function expandOccurrences(start: Date, timezone: string, durationMinutes: number, recurrence: SeriesRecurrence): PlannedOccurrence[] {
  const first = DateTime.fromJSDate(start, { zone: timezone });
  const dates = occurrenceDates(first.toISODate() as string, recurrence);
  return dates.map((localDate, index) => {
    const [year, month, day] = localDate.split('-').map(Number);
    const at = first.set({ year, month, day });
    const occurrenceStart = at.toJSDate();
    return { index, localDate, start: occurrenceStart, end: new Date(occurrenceStart.getTime() + durationMinutes * 60_000) };
  });
}

/** `HH:mm`, the wall-clock time every occurrence keeps. */
export function localTimeOf(start: Date, timezone: string): string {
  return DateTime.fromJSDate(start, { zone: timezone }).toFormat('HH:mm');
}

/** The local date of an instant in a zone, `YYYY-MM-DD`. */
export function localDateOf(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toISODate() as string;
}
