import { DateTime } from 'luxon';

/** The calendar date (`YYYY-MM-DD`) of `instant` in `zone`: the front desk's "today". */
export function dateIn(zone: string, instant: Date): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() ?? instant.toISOString().slice(0, 10);
}
