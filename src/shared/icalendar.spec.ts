import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { ICalendarWriter } from './icalendar';

const HOUR = 3600 * 1000;

/** Events at the given instants with zoned times, and the instants a real parser reads back from them. */
function roundTrip(zone: string, instants: Date[]): Date[] {
  const writer = new ICalendarWriter().begin('VCALENDAR').value('VERSION', '2.0').value('PRODID', '-//test//EN');
  writer.timezone(zone, new Date(Math.min(...instants.map(Number)) - 24 * HOUR), new Date(Math.max(...instants.map(Number)) + 24 * HOUR));
  instants.forEach((instant, index) => writer.begin('VEVENT').value('UID', `e${index}`).utc('DTSTAMP', instant).zoned('DTSTART', instant, zone).end('VEVENT'));
  const root = new ICAL.Component(ICAL.parse(writer.end('VCALENDAR').toString()));
  const timezone = new ICAL.Timezone(root.getFirstSubcomponent('vtimezone')!);
  return root.getAllSubcomponents('vevent').map((event) => {
    const start = event.getFirstProperty('dtstart')!;
    expect(start.getParameter('tzid')).toBe(zone);
    const time = (start.getFirstValue() as ICAL.Time).clone();
    time.zone = timezone;
    return new Date(time.toUnixTime() * 1000);
  });
}

/** Every 11 hours of a year, leaving out the hours around a change of offset (a wall-clock time there may name two instants). */
function instantsOfAYear(zone: string): Date[] {
  const instants: Date[] = [];
  for (let at = Date.parse('2027-01-01T00:00:00Z'); at < Date.parse('2028-01-01T00:00:00Z'); at += 11 * HOUR) {
    const offset = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
    if (offset(at - 3 * HOUR) === offset(at + 3 * HOUR)) instants.push(new Date(at));
  }
  return instants;
}

describe('iCalendar writer', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Asia/Tokyo', 'UTC'])(
    'given times in %s over a year, when they are written with TZID and the VTIMEZONE, then a parser reads the same instants back',
    (zone) => {
      const instants = instantsOfAYear(zone);
      expect(roundTrip(zone, instants).map((date) => date.toISOString())).toEqual(instants.map((date) => date.toISOString()));
    },
  );

  it('given a zone with summer time, when its VTIMEZONE is written for a year, then it holds the offset at the start and each change, with the wall-clock time of the change', () => {
    const text = new ICalendarWriter().timezone('Europe/Berlin', new Date('2027-01-10T12:00:00Z'), new Date('2027-12-31T00:00:00Z')).toString();
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Berlin',
      ...['BEGIN:STANDARD', 'DTSTART:20270110T130000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0100', 'END:STANDARD'],
      ...['BEGIN:DAYLIGHT', 'DTSTART:20270328T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT'],
      ...['BEGIN:STANDARD', 'DTSTART:20271031T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD'],
      'END:VTIMEZONE',
      '',
    ]);
  });

  it('given free text and a long line, when they are written, then TEXT is escaped, the line folded at 75 octets without splitting a character, and a parser reads the text back', () => {
    const summary = `Check-up; Müller, Room 2\n${'ü'.repeat(40)}`;
    const text = new ICalendarWriter().begin('VCALENDAR').text('SUMMARY', summary).end('VCALENDAR').toString();
    const lines = text.split('\r\n');
    expect(lines[1].startsWith('SUMMARY:Check-up\\; Müller\\, Room 2\\n')).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(0);
    expect(new ICAL.Component(ICAL.parse(text)).getFirstPropertyValue('summary')).toBe(summary);
  });

  it('given free text with CRLF, LF and a lone CR, when written as TEXT, then each is one escaped newline, no raw CR is left, and a parser reads one line per break', () => {
    const reason = 'Boiler repair\r\nback Monday\nsee notice\rEND:VEVENT';
    const text = new ICalendarWriter().begin('VCALENDAR').begin('VEVENT').text('DESCRIPTION', reason).end('VEVENT').end('VCALENDAR').toString();

    const lines = text.split('\r\n');
    expect(lines).toContain('DESCRIPTION:Boiler repair\\nback Monday\\nsee notice\\nEND:VEVENT');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const event = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('description')).toBe('Boiler repair\nback Monday\nsee notice\nEND:VEVENT');
  });
});
