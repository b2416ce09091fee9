import { calendarUid } from '../../shared/icalendar';
import { invitationCalendar, InvitationParties, invitationParties } from './invitation';

/**
 * The iCalendar (RFC 5545) invitation of an appointment series: one recurring VEVENT whose
 * DTSTART and DTEND are wall-clock times in the doctor's zone (TZID, with its VTIMEZONE), so
 * that a weekly RRULE keeps the local time across a change of daylight saving time. EXDATEs
 * remove occurrences, an override VEVENT (same UID, RECURRENCE-ID of the original start) moves
 * one. The UID is the series id, made as an appointment's is; SEQUENCE grows with each update,
 * so each one supersedes the one before; METHOD:CANCEL removes the whole series.
 */
export interface SeriesInvite extends InvitationParties {
  seriesId: string;
  sequence: number;
  /** When the change happened: the DTSTAMP. */
  stamp: string;
  timezone: string;
  interval: number;
  /** The occurrences the rule generates, in order: the first is DTSTART/DTEND. */
  rule: ReadonlyArray<{ start: string; end: string }>;
  bound: { count: number } | { until: string };
  excluded: readonly string[];
  overrides: ReadonlyArray<{ originalStart: string; start: string; end: string; summary: string; location: string }>;
  summary: string;
  location: string;
  description: string;
}

/** An instant as an RRULE's UNTIL: UTC, as RFC 5545 asks when DTSTART has a TZID. */
const untilValue = (instant: string) => new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function recurrenceRule(invite: SeriesInvite): string {
  const end = 'count' in invite.bound ? `COUNT=${invite.bound.count}` : `UNTIL=${untilValue(invite.bound.until)}`;
  return `FREQ=WEEKLY;INTERVAL=${invite.interval};${end}`;
}

/** The invitation of a series to one recipient. */
export function seriesInvite(invite: SeriesInvite): string {
  const [first] = invite.rule;
  const times = [...invite.rule.flatMap(({ start, end }) => [start, end]), ...invite.overrides.flatMap(({ start, end }) => [start, end])].map((at) => Date.parse(at));
  const writer = invitationCalendar(invite.method).timezone(invite.timezone, new Date(Math.min(...times)), new Date(Math.max(...times)));

  const common = (summary: string, location: string) =>
    invitationParties(
      writer.value('SEQUENCE', invite.sequence).utc('DTSTAMP', invite.stamp).text('SUMMARY', summary).text('LOCATION', location).text('DESCRIPTION', invite.description),
      invite,
    );

  writer
    .begin('VEVENT')
    .value('UID', calendarUid(invite.seriesId))
    .zoned('DTSTART', first.start, invite.timezone)
    .zoned('DTEND', first.end, invite.timezone)
    .value('RRULE', recurrenceRule(invite));
  for (const start of invite.excluded) writer.zoned('EXDATE', start, invite.timezone);
  common(invite.summary, invite.location).end('VEVENT');

  for (const override of invite.overrides) {
    writer
      .begin('VEVENT')
      .value('UID', calendarUid(invite.seriesId))
      .zoned('RECURRENCE-ID', override.originalStart, invite.timezone)
      .zoned('DTSTART', override.start, invite.timezone)
      .zoned('DTEND', override.end, invite.timezone);
    common(override.summary, override.location).end('VEVENT');
  }
  return writer.end('VCALENDAR').toString();
}
