import ICAL from 'ical.js';

const pad = (value: number) => String(value).padStart(2, '0');

/** A time as its instant and as the wall clock of its own zone ("09:00"). */
const read = (time: ICAL.Time) => ({ at: time.toJSDate().toISOString(), local: `${pad(time.hour)}:${pad(time.minute)}` });

/**
 * A recurring invitation as a calendar app reads it: the recurring entry (method, UID,
 * SEQUENCE, RRULE, the TZID of its DTSTART, its EXDATEs), and its occurrences expanded by
 * ical.js with the message's own VTIMEZONE (so a wrong zone definition shows as a wrong
 * instant), the overrides (RECURRENCE-ID) applied and the EXDATEs left out.
 */
export function expandRecurringInvite(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const vtimezone = root.getFirstSubcomponent('vtimezone');
  if (!vtimezone) throw new Error('no VTIMEZONE');
  ICAL.TimezoneService.register(vtimezone);
  const vevents = root.getAllSubcomponents('vevent');
  const master = vevents.find((vevent) => !vevent.hasProperty('recurrence-id'));
  if (!master) throw new Error('no recurring VEVENT');
  const event = new ICAL.Event(master);
  for (const exception of vevents.filter((vevent) => vevent !== master)) event.relateException(exception);

  const occurrences: Array<{ start: string; end: string; local: string; recurrenceId: string; summary: string; location: string; sequence: number }> = [];
  const iterator = event.iterator();
  // The typings promise a time from every call; at the end of the rule there is none.
  for (let next = iterator.next() as ICAL.Time | undefined; next; next = iterator.next() as ICAL.Time | undefined) {
    const details = event.getOccurrenceDetails(next);
    const start = read(details.startDate);
    occurrences.push({
      start: start.at,
      end: read(details.endDate).at,
      local: start.local,
      recurrenceId: details.recurrenceId.toJSDate().toISOString(),
      summary: details.item.summary,
      location: details.item.location,
      sequence: details.item.sequence,
    });
    if (occurrences.length > 1000) throw new Error('an unbounded rule');
  }
  const dtstart = master.getFirstProperty('dtstart')!;
  return {
    method: root.getFirstPropertyValue('method') as string,
    uid: event.uid,
    sequence: event.sequence,
    status: master.getFirstPropertyValue('status') as string,
    tzid: dtstart.getParameter('tzid') as string,
    timezone: vtimezone.getFirstPropertyValue('tzid') as string,
    rrule: String(master.getFirstPropertyValue('rrule')),
    exdates: master.getAllProperties('exdate').map((property) => (property.getFirstValue() as ICAL.Time).toJSDate().toISOString()),
    overrides: vevents.length - 1,
    occurrences,
  };
}
