import fc from 'fast-check';

/**
 * Dates and date-times written the way the API takes them, built from their parts so that the
 * test knows, independently of any parser, whether the text names a real calendar day and
 * time: February 30th, the 29th of a year that is not leap, hour 24, minute 60, an offset
 * of +24:00 are not, and a JavaScript Date silently moves them to another day.
 */
export interface CalendarText {
  text: string;
  /** 'real': a day and time that exist; 'impossible': they do not, or the text is no date-time with an offset; 'ambiguous': a parser may do either (a leap second). */
  kind: 'real' | 'impossible' | 'ambiguous';
  /** For a real date-time, the instant it names in milliseconds since the epoch. */
  instant?: number;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const year = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(2027, 2028) }, { weight: 1, arbitrary: fc.constantFrom(0, 1900, 2000, 2100, 9999) });
const month = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 13, 99) });
const day = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 28 }) }, { weight: 3, arbitrary: fc.constantFrom(29, 30, 31) }, { weight: 1, arbitrary: fc.constantFrom(0, 32, 99) });
const hour = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 8, max: 17 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 23 }) }, { weight: 2, arbitrary: fc.constantFrom(24, 25, 99) });
const minute = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0, 20, 30, 45) }, { weight: 2, arbitrary: fc.constantFrom(59, 60, 61, 99) });
const second = fc.option(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0, 30, 59) }, { weight: 1, arbitrary: fc.constantFrom(60, 61, 99) }), { nil: undefined });
/** Offsets within -12:00..+14:00 are real, the others name no offset at all. */
const offset = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom({ text: 'Z', minutes: 0 }, { text: '+01:00', minutes: 60 }, { text: '+02:00', minutes: 120 }, { text: '-05:00', minutes: -300 }, { text: '+05:30', minutes: 330 }, { text: '+14:00', minutes: 840 }, { text: '-12:00', minutes: -720 }) },
  { weight: 1, arbitrary: fc.constantFrom({ text: '+24:00', minutes: null }, { text: '+01:60', minutes: null }, { text: '+99:99', minutes: null }, { text: '-25:00', minutes: null }) },
);

/** Milliseconds since the epoch of a UTC wall-clock time; unlike Date.UTC, years 0-99 stay themselves. */
function utcMillis(y: number, m: number, d: number, h: number, min: number, s: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  date.setUTCHours(h, min, s, 0);
  return date.getTime();
}

/** Whether year-month-day exists. */
function realDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

/** A date-time with an offset, such as 2027-02-30T09:00:00+01:00. */
export const calendarInstant: fc.Arbitrary<CalendarText> = fc
  .record({ y: year, m: month, d: day, h: hour, min: minute, s: second, offset })
  .map(({ y, m, d, h, min, s, offset: o }) => {
    const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}${s === undefined ? '' : `:${pad(s)}`}${o.text}`;
    const impossible = !realDay(y, m, d) || h > 23 || min > 59 || (s !== undefined && s > 60) || o.minutes === null;
    if (impossible) return { text, kind: 'impossible' as const };
    if (s === 60) return { text, kind: 'ambiguous' as const };
    return { text, kind: 'real' as const, instant: utcMillis(y, m, d, h, min, s ?? 0) - o.minutes * 60_000 };
  });

/** A calendar date, such as 2027-02-29. */
export const calendarDate: fc.Arbitrary<CalendarText> = fc.record({ y: year, m: month, d: day }).map(({ y, m, d }) => ({
  text: `${pad(y, 4)}-${pad(m)}-${pad(d)}`,
  kind: realDay(y, m, d) ? ('real' as const) : ('impossible' as const),
}));

/** Date-shaped text that is not a date-time with an offset (no offset, no time, another notation). */
export const notAnInstant = fc.constantFrom(
  '2027-03-22', '2027-03-22T09:00', '2027-03-22T09:00:00', '2027-03-22 09:00:00+01:00', '2027-W12-1T09:00:00Z', '2027-081T09:00:00Z',
  '20270322T090000Z', '2027-3-2T9:00:00Z', '275760-09-13T00:00:00Z', 'Mon, 22 Mar 2027 09:00:00 GMT', '1774166400', 'today', 'now', '',
);

/** Any text for an instant parameter: mostly built from parts, some not an instant at all. */
export const instantText: fc.Arbitrary<CalendarText> = fc.oneof(
  { weight: 5, arbitrary: calendarInstant },
  { weight: 1, arbitrary: notAnInstant.map((text) => ({ text, kind: 'impossible' as const })) },
);
