import { DateTime, IANAZone } from 'luxon';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `["09:00", "12:00"]`: from 09:00 (included) to 12:00 (excluded), wall-clock time. */
export type TimeRange = [string, string];

/** Per weekday, the wall-clock ranges a doctor works in the doctor's own timezone. */
export type WorkingHours = Partial<Record<Weekday, TimeRange[]>>;

/** A doctor as far as scheduling is concerned: the zone and the working hours in force on the date in question. */
export interface DoctorHours {
  id: string;
  timezone: string;
  workingHours: WorkingHours;
}

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

export function isValidTimezone(timezone: string): boolean {
  return IANAZone.isValidZone(timezone);
}

/** Lists what is wrong with a working-hours value; empty when it is valid. */
export function workingHoursProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return ['workingHours must be an object keyed by weekday (mon..sun)'];
  }
  const problems: string[] = [];
  for (const [day, ranges] of Object.entries(value)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      problems.push(`workingHours.${day} is not a weekday (use ${WEEKDAYS.join(', ')})`);
      continue;
    }
    if (!Array.isArray(ranges)) {
      problems.push(`workingHours.${day} must be a list of ["HH:MM","HH:MM"] ranges`);
      continue;
    }
    let previousEnd = -1;
    ranges.forEach((range: unknown, index) => {
      const at = `workingHours.${day}[${index}]`;
      if (!Array.isArray(range) || range.length !== 2 || !range.every((t) => typeof t === 'string' && TIME.test(t))) {
        problems.push(`${at} must be ["HH:MM","HH:MM"]`);
        return;
      }
      const [from, to] = range.map(minutesOfDay);
      if (from >= to) problems.push(`${at} must end after it starts`);
      else if (from < previousEnd) problems.push(`${at} overlaps or precedes the range before it`);
      previousEnd = Math.max(previousEnd, to);
    });
  }
  return problems;
}

function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function wallClock(time: string): { hour: number; minute: number } {
  const minutes = minutesOfDay(time);
  return { hour: Math.floor(minutes / 60), minute: minutes % 60 };
}

/** The working ranges of the doctor's local day that contains `localDay`, as instants. */
export function workingRangesOn(
  doctor: DoctorHours,
  localDay: DateTime,
): Array<{ start: DateTime; end: DateTime }> {
  const day = localDay.setZone(doctor.timezone).startOf('day');
  const weekday = WEEKDAYS[day.weekday - 1];
  return (doctor.workingHours[weekday] ?? []).map(([from, to]) => ({
    start: atWallClock(day, from),
    end: to === '24:00' ? day.plus({ days: 1 }) : atWallClock(day, to),
  }));
}

function atWallClock(day: DateTime, time: string): DateTime {
  return day.set(wallClock(time));
}

/**
 * Whether `[start, end)` lies inside one working range of the doctor, on the local day of the
 * start in the doctor's timezone. Ranges are wall-clock times, so a 09:00 start is 08:00 UTC in
 * CET winter and 07:00 UTC in CEST summer; on a DST change day the ranges follow the local clock.
 */
export function isWithinWorkingHours(doctor: DoctorHours, start: Date, end: Date): boolean {
  const localStart = DateTime.fromJSDate(start, { zone: doctor.timezone });
  return workingRangesOn(doctor, localStart).some(
    (range) => range.start.toMillis() <= start.getTime() && end.getTime() <= range.end.toMillis(),
  );
}

/** The calendar date (YYYY-MM-DD) of an instant in a timezone. */
export function localDateOf(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISODate() as string;
}
