import { DateTime } from 'luxon';

/**
 * The one iCalendar (RFC 5545) writer of the service, used by the email invitations and the
 * doctors' calendar feeds, so that both escape, fold and name entries alike.
 */

/**
 * The UID of an appointment's calendar entry (and of a time off's): the same in every
 * invitation and every feed, so a calendar app updates one entry instead of adding another.
 */
export const calendarUid = (id: string) => `${id}@clinic-booking`;

/**
 * TEXT values escape backslash, semicolon, comma and line breaks: CRLF, LF and a lone CR (free
 * text may hold any of them) each become the escape `\n`, since a bare CR left in a content line
 * ends the line for some parsers and lets the rest of the text pose as properties of its own.
 */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Parameter values with special characters are quoted (and may not contain quotes). */
function param(value: string): string {
  const clean = value.replace(/"/g, "'");
  return /[;:,]/.test(clean) ? `"${clean}"` : clean;
}

/** Lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    const limit = parts.length === 0 ? 75 : 74;
    if (Buffer.byteLength(current + char) > limit) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** An instant as a UTC DATE-TIME (`20270322T080000Z`). */
function utc(instant: Date | string): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The wall-clock time of an instant in a zone, as a DATE-TIME without zone (`20270322T090000`). */
function wallClock(instant: Date | string, zone: string): string {
  return DateTime.fromJSDate(new Date(instant), { zone }).toFormat("yyyyMMdd'T'HHmmss");
}

/** A UTC offset in minutes as `+HHMM` / `-HHMM`. */
function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

const offsetAt = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The instants in (from, to] at which the zone's UTC offset changes, from the zone database
 * (luxon, i.e. the runtime's ICU): a day-by-day walk, then a search to the minute inside a day
 * whose offset changed. Offsets change on whole minutes.
 */
function offsetChanges(zone: string, from: number, to: number): number[] {
  const changes: number[] = [];
  const last = Math.ceil(to / MINUTE) * MINUTE;
  for (let day = Math.floor(from / MINUTE) * MINUTE; day < last; day += DAY) {
    let before = day;
    let after = Math.min(day + DAY, last);
    if (offsetAt(before, zone) === offsetAt(after, zone)) continue;
    while (after - before > MINUTE) {
      const middle = before + Math.floor((after - before) / MINUTE / 2) * MINUTE;
      if (offsetAt(middle, zone) === offsetAt(before, zone)) before = middle;
      else after = middle;
    }
    changes.push(after);
  }
  return changes;
}

type Params = ReadonlyArray<readonly [string, string]>;

/** Writes one iCalendar object, line by line: CRLF line ends, long lines folded. */
export class ICalendarWriter {
  private readonly lines: string[] = [];

  begin(component: string): this {
    return this.value('BEGIN', component);
  }

  end(component: string): this {
    return this.value('END', component);
  }

  /** A property whose value needs no escaping: a number, an enumeration, a URI, a duration. */
  value(name: string, value: string | number, params: Params = []): this {
    const parameters = params.map(([key, parameter]) => `;${key}=${param(parameter)}`).join('');
    this.lines.push(`${name}${parameters}:${value}`);
    return this;
  }

  /** A TEXT property: free text, escaped. */
  text(name: string, value: string): this {
    return this.value(name, text(value));
  }

  /** A DATE-TIME property in UTC. */
  utc(name: string, instant: Date | string): this {
    return this.value(name, utc(instant));
  }

  /** A DATE-TIME property as wall-clock time in a zone, named by TZID (see `timezone`). */
  zoned(name: string, instant: Date | string, zone: string): this {
    return this.value(name, wallClock(instant, zone), [['TZID', zone]]);
  }

  /**
   * The VTIMEZONE that defines a TZID for the times in [from, to]: the offset in force at
   * `from`, then every change of offset up to `to`, each as an observance of its own (no
   * recurrence rules to get wrong: the changes come from the zone database). An observance
   * starts at the wall-clock time of its change in the offset before it, as RFC 5545 says.
   */
  timezone(zone: string, from: Date, to: Date): this {
    const start = from.getTime();
    const observance = (at: number, offsetFrom: number, offsetTo: number) => {
      const kind = DateTime.fromMillis(at, { zone }).isInDST ? 'DAYLIGHT' : 'STANDARD';
      this.begin(kind)
        .value('DTSTART', utc(new Date(at + offsetFrom * MINUTE)).replace(/Z$/, ''))
        .value('TZOFFSETFROM', utcOffset(offsetFrom))
        .value('TZOFFSETTO', utcOffset(offsetTo))
        .end(kind);
    };
    this.begin('VTIMEZONE').value('TZID', zone);
    let offset = offsetAt(start, zone);
    observance(start, offset, offset);
    for (const change of offsetChanges(zone, start, to.getTime())) {
      const next = offsetAt(change, zone);
      observance(change, offset, next);
      offset = next;
    }
    return this.end('VTIMEZONE');
  }

  toString(): string {
    return this.lines.map(fold).join('\r\n') + '\r\n';
  }
}
