import { registerDecorator, ValidationArguments } from 'class-validator';
import { dayProblem, EARLIEST_YEAR, LATEST_YEAR } from './calendar-date.validator';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Offsets in use on Earth lie between -12:00 and +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

const FORMAT = 'must be an ISO 8601 date-time with an offset, e.g. 2027-03-22T09:00:00+01:00';

/**
 * Reads an ISO 8601 date-time with an explicit offset (`Z` or `+01:00`), an unambiguous instant,
 * strictly: the date must exist (no February 30th: JavaScript's own parser moves it to March 2nd),
 * the time must be a time of day (00:00:00 to 23:59:59, no 24:00, no leap second) and the offset
 * within the offsets in use; the local date and the instant both fall in the accepted years.
 * Returns the instant, or why the value is not one.
 */
export function parseInstant(value: unknown): { instant: Date } | { problem: string } {
  // The seconds, their fraction and the offset are optional groups: absent, they are undefined.
  const match: ReadonlyArray<string | undefined> | null = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!match) return { problem: FORMAT };
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  const second = Number(match[6] ?? 0);
  const millisecond = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const problem = dayProblem(year, month, day);
  if (problem) return { problem };
  if (hour > 23 || minute > 59 || second > 59) return { problem: `must be a real time of day: ${match[4]}:${match[5]}:${match[6] ?? '00'} does not exist` };
  const offsetMinutes = match[8] === undefined ? 0 : (match[8] === '-' ? -1 : 1) * (Number(match[9]) * 60 + Number(match[10]));
  if (Number(match[10]) > 59 || Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return { problem: 'must have an offset between -14:00 and +14:00' };
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * 60_000);
  const utcYear = instant.getUTCFullYear();
  if (utcYear < EARLIEST_YEAR || utcYear > LATEST_YEAR) return { problem: `must be between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}` };
  return { instant };
}

export function isInstant(value: unknown): value is string {
  return 'instant' in parseInstant(value);
}

/** An ISO 8601 date-time with an offset that names a real instant (see parseInstant). */
export function IsInstant() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName,
      validator: {
        validate: isInstant,
        defaultMessage: (args?: ValidationArguments) => {
          const parsed = parseInstant(args?.value);
          return `${args?.property} ${'problem' in parsed ? parsed.problem : FORMAT}`;
        },
      },
    });
}
