import ICAL from 'ical.js';

/**
 * A calendar feed as a calendar app reads it: the calendar's properties and its VTIMEZONE's id,
 * and each event's properties (names in order) and fields, times resolved with the feed's own
 * VTIMEZONE (so a wrong zone definition shows as a wrong instant).
 */
export function readCalendarFeed(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const timezone = new ICAL.Timezone(root.getFirstSubcomponent('vtimezone')!);
  const instant = (event: ICAL.Component, name: string) => {
    const property = event.getFirstProperty(name)!;
    const time = (property.getFirstValue() as ICAL.Time).clone();
    time.zone = timezone;
    return { tzid: property.getParameter('tzid'), at: new Date(time.toUnixTime() * 1000).toISOString() };
  };
  return {
    calendar: Object.fromEntries(root.getAllProperties().map((property) => [property.name, property.getFirstValue()])),
    timezone: timezone.tzid,
    events: root.getAllSubcomponents('vevent').map((event) => ({
      properties: event.getAllProperties().map((property) => property.name),
      uid: event.getFirstPropertyValue('uid') as string,
      sequence: event.getFirstPropertyValue('sequence'),
      summary: event.getFirstPropertyValue('summary'),
      status: event.getFirstPropertyValue('status'),
      start: instant(event, 'dtstart'),
      end: instant(event, 'dtend'),
    })),
  };
}
