import { registerDecorator, ValidationArguments } from 'class-validator';

/**
 * The years a date or instant sent to this API may fall in. A clinic's calendar has no use for
 * others, and beyond them the parsers disagree (JavaScript dates end in +275760, PostgreSQL has
 * no year 0), so such a value is a 400 here rather than a failure further in.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2999;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Why year-month-day is not a day this API accepts, or undefined when it is one. */
export function dayProblem(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return `must be a real date: ${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} does not exist`;
  }
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return `must be between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`;
  return undefined;
}

/** Why `value` is not a calendar date `YYYY-MM-DD` that exists, or undefined when it is one. */
export function calendarDateProblem(value: unknown): string | undefined {
  const match = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  if (!match) return 'must be a calendar date, YYYY-MM-DD';
  return dayProblem(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** A calendar date, `YYYY-MM-DD`, that exists (no February 30th) in the years this API accepts. */
export function IsCalendarDate() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => calendarDateProblem(value) === undefined,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${calendarDateProblem(args?.value)}`,
      },
    });
}
