import { Command } from '@nestjs/cqrs';
import { AppointmentResource } from '../../appointment-resource';
import { BookingTerms, decideBooking } from '../../booking/book-appointment';
import { CommandOptions } from '../../command-execution/command-options';
import { AppointmentTypeTerms, slotFor } from '../../domain/appointment-rules';
import { AppointmentCreated, AppointmentEvent } from '../../domain/appointment.events';
import { AppointmentSeriesBooked, SeriesRecurrence } from '../../domain/series.events';
import { isWithinWorkingHours, WorkingHours } from '../../domain/working-hours';
import { InvalidRecurrence, OccurrenceConflict, SeriesOccurrencesTaken, SeriesOutsideWorkingHours } from '../series.errors';
import { expandOccurrences, hasOneEnd, localTimeOf, MAX_OCCURRENCES, ONE_END_NEEDED, PlannedOccurrence } from '../recurrence';

/** A series as asked for: the first occurrence's time, and how it repeats. */
export interface SeriesBookingRequest {
  appointmentTypeId: string;
  doctorId: string;
  patientId: string;
  roomId: string;
  start: Date;
  title: string;
  recurrence: SeriesRecurrence;
}

/** A series booked: its id, every occurrence's appointment, the position of the last event written. */
export interface SeriesBookingOutcome {
  id: string;
  appointments: AppointmentResource[];
  position: number;
  /** True when this is the stored outcome of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/** Book a weekly series (a new series stream with the id given, and one appointment per occurrence). */
export class BookAppointmentSeries extends Command<SeriesBookingOutcome> {
  constructor(
    readonly seriesId: string,
    readonly request: SeriesBookingRequest,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/**
 * The occurrences of the request on the doctor's clock, each at the local time of the first.
 * The request was checked against the caps on the date as it was written; on the doctor's
 * clock that date may differ by a day, which must still give at least one occurrence and no
 * more than the cap. A recurrence with neither or both of count and until is refused before
 * anything is planned.
 */
export function planOccurrences(request: SeriesBookingRequest, timezone: string, durationMinutes: number): PlannedOccurrence[] {
  if (!hasOneEnd(request.recurrence)) throw new InvalidRecurrence(ONE_END_NEEDED);
  const planned = expandOccurrences(request.start, timezone, durationMinutes, request.recurrence);
  if (planned.length === 0) throw new InvalidRecurrence(`The series has no occurrence on or before ${request.recurrence.until} in the doctor's zone (${timezone})`);
  if (planned.length > MAX_OCCURRENCES) throw new InvalidRecurrence(`A series holds at most ${MAX_OCCURRENCES} occurrences`);
  return planned;
}

/** One occurrence as the decision sees it: its appointment id and time, the hours in force on its date, what is in its way. */
export interface OccurrenceFindings {
  appointmentId: string;
  start: Date;
  end: Date;
  workingHours: WorkingHours;
  inTheWay: ReadonlyArray<Omit<OccurrenceConflict, 'start' | 'end'>>;
}

/** What booking a series decides on. */
export interface SeriesBookingTerms {
  seriesId: string;
  request: SeriesBookingRequest;
  doctor: { id: string; timezone: string };
  appointmentType: AppointmentTypeTerms;
  occurrences: readonly OccurrenceFindings[];
}

function timeOf(occurrence: OccurrenceFindings) {
  return { start: occurrence.start.toISOString(), end: occurrence.end.toISOString() };
}

/**
 * A series is booked whole or not at all. Its first occurrence must not start in the past;
 * every occurrence must lie inside the doctor's working hours in force on its date (else a 422
 * listing each one outside); nothing may be in any occurrence's way (else a 409 listing every
 * conflict). Seen under the reservation locks, so the lists are complete; the exclusion
 * constraints still decide each occurrence's reservation when it is written.
 */
export function decideSeriesBooking(terms: SeriesBookingTerms, now: Date): AppointmentSeriesBooked {
  const { seriesId, request, doctor, appointmentType, occurrences } = terms;
  const [first] = occurrences;
  slotFor(first.start, first.end, appointmentType.durationMinutes, now);
  const outside = occurrences.filter((occurrence) => !isWithinWorkingHours({ ...doctor, workingHours: occurrence.workingHours }, occurrence.start, occurrence.end));
  if (outside.length > 0) throw new SeriesOutsideWorkingHours(doctor.id, doctor.timezone, outside.map(timeOf));
  const conflicts = occurrences.flatMap((occurrence) => occurrence.inTheWay.map((rival) => ({ ...timeOf(occurrence), ...rival })));
  if (conflicts.length > 0) throw new SeriesOccurrencesTaken(conflicts);
  return new AppointmentSeriesBooked({
    seriesId,
    doctorId: doctor.id,
    patientId: request.patientId,
    roomId: request.roomId,
    appointmentTypeId: appointmentType.id,
    title: request.title,
    timezone: doctor.timezone,
    localTime: localTimeOf(first.start, doctor.timezone),
    recurrence: request.recurrence,
    occurrences: occurrences.map((occurrence) => ({ appointmentId: occurrence.appointmentId, ...timeOf(occurrence) })),
  });
}

/** An occurrence is an ordinary booking whose AppointmentCreated names its series. */
export function decideOccurrence(terms: BookingTerms, seriesId: string, now: Date): AppointmentEvent[] {
  return decideBooking(terms, null, now).map((event) => (event instanceof AppointmentCreated ? new AppointmentCreated({ ...event.data, seriesId }) : event));
}
