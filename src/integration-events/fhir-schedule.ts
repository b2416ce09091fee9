import { DateTime } from 'luxon';
import { WEEKDAYS, Weekday, WorkingHours } from '../appointments/domain/working-hours';
import { fhirString } from './fhir-string';

/**
 * The subsets of the HL7 FHIR R4 `Schedule` and `Slot` resources this service publishes for its
 * calendar. A `Schedule` is the calendar of one resource that can be booked; its `id` is the id
 * of what it schedules, so one reference names it everywhere:
 * - `Schedule/<doctorId>`: a doctor's schedule (actor `Practitioner/<doctorId>`), the one
 *   `schedule.working-hours-changed.v1` publishes;
 * - `Schedule/<roomId>`: a room's schedule (actor `Location/<roomId>`);
 * - `Schedule/clinic`: the whole clinic's schedule (every practitioner and location).
 * A `Slot` is a block of time on one of them: time off, a room block or a closure.
 */

/** The extension (ours: FHIR R4 has no element for it) carrying the weekly hours of a Schedule. */
export const WORKING_HOURS_EXTENSION = 'https://clinic.example/fhir/StructureDefinition/working-hours';
/** The id of the clinic's own Schedule, on which closures are slots. */
export const CLINIC_SCHEDULE_ID = 'clinic';

/** One weekly range: a weekday and wall-clock `HH:MM` times in the Schedule's zone (`24:00` is the end of the day). */
export interface FhirAvailableTime {
  url: 'availableTime';
  extension: [{ url: 'daysOfWeek'; valueCode: Weekday }, { url: 'availableStartTime'; valueString: string }, { url: 'availableEndTime'; valueString: string }];
}

export interface FhirWorkingHoursExtension {
  url: typeof WORKING_HOURS_EXTENSION;
  /** The IANA zone of the times, then one `availableTime` per range, weekday by weekday (mon first). */
  extension: Array<{ url: 'timezone'; valueCode: string } | FhirAvailableTime>;
}

export interface FhirSchedule {
  resourceType: 'Schedule';
  id: string;
  meta: { versionId: string; lastUpdated: string };
  active: true;
  actor: [{ reference: string; type: 'Practitioner' }];
  /** From the start of the first local day the hours are in force, with no end (until a later change). */
  planningHorizon: { start: string };
  extension: [FhirWorkingHoursExtension];
}

/**
 * `busy-unavailable` while the block holds the time; `free` once it is cancelled: the block no
 * longer holds it (the time may still be outside working hours, or held by something else).
 */
export type FhirSlotStatus = 'busy-unavailable' | 'free';

export interface FhirSlot {
  resourceType: 'Slot';
  id: string;
  meta: { versionId: string; lastUpdated: string };
  schedule: { reference: string; type: 'Schedule' };
  status: FhirSlotStatus;
  start: string;
  end: string;
  /**
   * The reason of a closure or a room block, when it has one (FHIR has no empty strings), as a
   * FHIR string (see fhir-string.ts); never on time off, whose reason is the doctor's own.
   */
  comment?: string;
}

/** The first instant of the local date `date` in `timezone`, with its offset (`2027-04-05T00:00:00+02:00`). */
export function startOfLocalDay(date: string, timezone: string): string {
  const start = DateTime.fromISO(date, { zone: timezone }).startOf('day');
  if (!start.isValid) throw new Error(`${date} is not a date in ${timezone}: ${start.invalidExplanation ?? start.invalidReason}`);
  return start.toISO({ suppressMilliseconds: true });
}

export function workingHoursExtension(timezone: string, workingHours: WorkingHours): FhirWorkingHoursExtension {
  const availableTimes = WEEKDAYS.flatMap((day) =>
    (workingHours[day] ?? []).map(([from, to]): FhirAvailableTime => ({
      url: 'availableTime',
      extension: [
        { url: 'daysOfWeek', valueCode: day },
        { url: 'availableStartTime', valueString: from },
        { url: 'availableEndTime', valueString: to },
      ],
    })),
  );
  return { url: WORKING_HOURS_EXTENSION, extension: [{ url: 'timezone', valueCode: timezone }, ...availableTimes] };
}

export function fhirSchedule(
  facts: { doctorId: string; effectiveFrom: string; timezone: string; workingHours: WorkingHours },
  version: number,
  lastUpdated: string,
): FhirSchedule {
  return {
    resourceType: 'Schedule',
    id: facts.doctorId,
    meta: { versionId: String(version), lastUpdated },
    active: true,
    actor: [{ reference: `Practitioner/${facts.doctorId}`, type: 'Practitioner' }],
    planningHorizon: { start: startOfLocalDay(facts.effectiveFrom, facts.timezone) },
    extension: [workingHoursExtension(facts.timezone, facts.workingHours)],
  };
}

/**
 * A block as a Slot of `scheduleId`. A slot is written once when scheduled (version 1) and once
 * when cancelled (version 2); the cancellation carries no reason, and neither does time off.
 */
export function fhirSlot(
  block: { id: string; start: string; end: string; reason?: string },
  scheduleId: string,
  status: FhirSlotStatus,
  lastUpdated: string,
): FhirSlot {
  const reason = block.reason === undefined ? '' : fhirString(block.reason);
  const comment = reason.trim() !== '' ? { comment: reason } : {};
  return {
    resourceType: 'Slot',
    id: block.id,
    meta: { versionId: status === 'busy-unavailable' ? '1' : '2', lastUpdated },
    schedule: { reference: `Schedule/${scheduleId}`, type: 'Schedule' },
    status,
    start: block.start,
    end: block.end,
    ...comment,
  };
}
