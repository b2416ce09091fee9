import { AppointmentCancelled, AppointmentReassigned, AppointmentRescheduled } from '../../appointments/domain/appointment.events';
import { AppointmentSeriesBookedData, AppointmentSeriesCancelledData } from '../../appointments/domain/series.events';

/**
 * The calendar invitation of an appointment series as it stands: one recurring calendar entry
 * (UID of the series) whose rule generates the occurrences where they were booked. An
 * occurrence cancelled alone becomes an EXDATE, one moved (or given another room or doctor) an
 * override at its original start (RECURRENCE-ID); a series cancellation ends the rule after the
 * last occurrence still booked. Pure: the email notifier keeps one per series and folds the
 * events into it.
 */

export interface InvitedOccurrence {
  appointmentId: string;
  /** Where the rule puts it: the RECURRENCE-ID of an override, the value of an EXDATE. */
  originalStart: string;
  originalEnd: string;
  start: string;
  end: string;
  doctorId: string;
  roomId: string;
  cancelled: boolean;
}

export interface SeriesInvitation {
  seriesId: string;
  /** The series' doctor, patient and room: those of the recurring entry. */
  doctorId: string;
  patientId: string;
  roomId: string;
  appointmentTypeId: string;
  timezone: string;
  /** Every `interval` weeks. */
  interval: number;
  /** The last local date of a series booked until a date; null for one booked by count. */
  until: string | null;
  occurrences: InvitedOccurrence[];
  /** How many occurrences the rule still generates: all until a series cancellation ends it; 0 once nothing of it is left. */
  ruleCount: number;
  /** The SEQUENCE of the last invitation sent: 0 for the first, one more for each update. */
  sequence: number;
}

/** What an invitation tells of, besides the series itself. */
export type SeriesChange =
  | { kind: 'booked' }
  | { kind: 'occurrence-cancelled'; occurrence: InvitedOccurrence; reason: string }
  | { kind: 'occurrence-moved'; occurrence: InvitedOccurrence; previousStart: string }
  | { kind: 'occurrence-reassigned'; occurrence: InvitedOccurrence; previousDoctorId: string; comment: string }
  | { kind: 'series-cancelled'; from: string; reason: string };

export type OccurrenceEvent = AppointmentRescheduled | AppointmentReassigned | AppointmentCancelled;

/** The invitation of a series just booked. */
export function invitationOfBookedSeries(data: AppointmentSeriesBookedData): SeriesInvitation {
  return {
    seriesId: data.seriesId,
    doctorId: data.doctorId,
    patientId: data.patientId,
    roomId: data.roomId,
    appointmentTypeId: data.appointmentTypeId,
    timezone: data.timezone,
    interval: data.recurrence.interval,
    until: data.recurrence.until,
    occurrences: data.occurrences.map((occurrence) => ({
      appointmentId: occurrence.appointmentId,
      originalStart: occurrence.start,
      originalEnd: occurrence.end,
      start: occurrence.start,
      end: occurrence.end,
      doctorId: data.doctorId,
      roomId: data.roomId,
      cancelled: false,
    })),
    ruleCount: data.occurrences.length,
    sequence: 0,
  };
}

/**
 * The invitation after one occurrence was moved, reassigned or cancelled alone, and what to
 * tell of it; null for an appointment that is not one of the series' occurrences.
 */
export function afterOccurrenceChanged(invitation: SeriesInvitation, event: OccurrenceEvent): { invitation: SeriesInvitation; change: SeriesChange } | null {
  const index = invitation.occurrences.findIndex((occurrence) => occurrence.appointmentId === event.data.appointmentId);
  if (index < 0) return null;
  const before = invitation.occurrences[index];
  const occurrence: InvitedOccurrence = {
    ...before,
    start: event.data.start,
    end: event.data.end,
    doctorId: event.data.doctorId,
    roomId: event.data.roomId,
    cancelled: event.type === 'AppointmentCancelled',
  };
  const occurrences = invitation.occurrences.map((each, at) => (at === index ? occurrence : each));
  const change = changeOf(event, occurrence);
  return { invitation: { ...invitation, occurrences, sequence: invitation.sequence + 1 }, change };
}

function changeOf(event: OccurrenceEvent, occurrence: InvitedOccurrence): SeriesChange {
  switch (event.type) {
    case 'AppointmentRescheduled':
      return { kind: 'occurrence-moved', occurrence, previousStart: event.data.previousStart };
    case 'AppointmentReassigned':
      return { kind: 'occurrence-reassigned', occurrence, previousDoctorId: event.data.previousDoctorId, comment: event.data.comment };
    case 'AppointmentCancelled':
      return { kind: 'occurrence-cancelled', occurrence, reason: event.data.reason };
  }
}

/**
 * The invitation after the series was cancelled from a date on: its cancelled occurrences are
 * marked, and the rule ends after the last occurrence still booked (none left: the whole series
 * is cancelled).
 */
export function afterSeriesCancelled(invitation: SeriesInvitation, data: AppointmentSeriesCancelledData): { invitation: SeriesInvitation; change: SeriesChange } {
  const cancelled = new Set(data.cancelledAppointmentIds);
  const occurrences = invitation.occurrences.map((occurrence) => (cancelled.has(occurrence.appointmentId) ? { ...occurrence, cancelled: true } : occurrence));
  const lastBooked = occurrences.reduce((last, occurrence, index) => (occurrence.cancelled ? last : index), -1);
  return {
    invitation: { ...invitation, occurrences, ruleCount: Math.min(invitation.ruleCount, lastBooked + 1), sequence: invitation.sequence + 1 },
    change: { kind: 'series-cancelled', from: data.from, reason: data.reason },
  };
}

/** An occurrence where the rule does not put it: another time, room or doctor. */
export interface OverriddenOccurrence {
  originalStart: string;
  start: string;
  end: string;
  doctorId: string;
  roomId: string;
}

/** The recurring entry as one recipient's calendar holds it. */
export interface SeriesView {
  method: 'REQUEST' | 'CANCEL';
  /** The occurrences the rule generates, in order (their original times); a cancelled series names all it had. */
  rule: Array<{ start: string; end: string }>;
  /** How the rule ends: after a number of occurrences, or (a series booked until a date) at the start of its last one. */
  bound: { count: number } | { until: string };
  /** Original starts the rule generates that are not in this calendar. */
  excluded: string[];
  overrides: OverriddenOccurrence[];
}

/**
 * The series as the patient's or the series doctor's calendar holds it. The patient has every
 * occurrence, wherever and with whomever it is; the doctor only those still theirs (an
 * occurrence handed to another doctor is excluded from the doctor's entry, and that doctor is
 * told of it as of a single appointment).
 */
export function seriesViewFor(invitation: SeriesInvitation, role: 'patient' | 'doctor'): SeriesView {
  const whole = invitation.ruleCount === 0;
  const inRule = whole ? invitation.occurrences : invitation.occurrences.slice(0, invitation.ruleCount);
  const rule = inRule.map((occurrence) => ({ start: occurrence.originalStart, end: occurrence.originalEnd }));
  if (whole) return { method: 'CANCEL', rule, bound: boundOf(invitation, rule), excluded: [], overrides: [] };
  const shown = (occurrence: InvitedOccurrence) => !occurrence.cancelled && (role === 'patient' || occurrence.doctorId === invitation.doctorId);
  const differs = (occurrence: InvitedOccurrence) =>
    occurrence.start !== occurrence.originalStart ||
    occurrence.end !== occurrence.originalEnd ||
    occurrence.roomId !== invitation.roomId ||
    occurrence.doctorId !== invitation.doctorId;
  return {
    method: 'REQUEST',
    rule,
    bound: boundOf(invitation, rule),
    excluded: inRule.filter((occurrence) => !shown(occurrence)).map((occurrence) => occurrence.originalStart),
    overrides: inRule
      .filter((occurrence) => shown(occurrence) && differs(occurrence))
      .map(({ originalStart, start, end, doctorId, roomId }) => ({ originalStart, start, end, doctorId, roomId })),
  };
}

function boundOf(invitation: SeriesInvitation, rule: SeriesView['rule']): SeriesView['bound'] {
  return invitation.until === null ? { count: rule.length } : { until: rule[rule.length - 1].start };
}
