import { EventFamily } from '../../event-store/event-family';

/**
 * The facts of a recurring series: one `AppointmentSeries` stream per series (its id is the
 * series' id). Every occurrence is an ordinary appointment of its own stream whose
 * AppointmentCreated carries the `seriesId`; the series stream records what was booked together
 * and what was cancelled together. Occurrences keep the doctor's wall-clock time across DST
 * changes (`localTime` in `timezone`). Times are ISO 8601 instants in UTC; dates `YYYY-MM-DD`
 * in the doctor's zone. `title` and `reason` are the patient's personal data (sealed with the
 * patient's key, as on the appointments).
 */

export const SERIES_AGGREGATE_TYPE = 'AppointmentSeries';

/** How a series repeats: every `interval` weeks, `count` occurrences or until the local date `until` (inclusive). */
export interface SeriesRecurrence {
  frequency: 'weekly';
  interval: number;
  count: number | null;
  until: string | null;
}

/** One occurrence as booked: its appointment and times. */
export interface SeriesOccurrence {
  appointmentId: string;
  start: string;
  end: string;
}

/** What a series books every occurrence with: who, where, what, and how it repeats. */
export interface SeriesTerms {
  doctorId: string;
  patientId: string;
  roomId: string;
  appointmentTypeId: string;
  title: string;
  /** The doctor's zone and the local start time (`HH:mm`) every occurrence keeps. */
  timezone: string;
  localTime: string;
  recurrence: SeriesRecurrence;
}

export interface AppointmentSeriesBookedData extends SeriesTerms {
  seriesId: string;
  occurrences: SeriesOccurrence[];
}

export interface AppointmentSeriesCancelledData {
  seriesId: string;
  patientId: string;
  /** The first local date (doctor's zone) cancelled; every later occurrence still booked was cancelled with it. */
  from: string;
  reason: string;
  cancelledAppointmentIds: string[];
}

export class AppointmentSeriesBooked {
  static readonly type = 'AppointmentSeriesBooked';
  static readonly schemaVersion = 1;
  readonly type = 'AppointmentSeriesBooked' as const;
  constructor(readonly data: AppointmentSeriesBookedData) {}
}

export class AppointmentSeriesCancelled {
  static readonly type = 'AppointmentSeriesCancelled';
  static readonly schemaVersion = 1;
  readonly type = 'AppointmentSeriesCancelled' as const;
  constructor(readonly data: AppointmentSeriesCancelledData) {}
}

export type SeriesEvent = AppointmentSeriesBooked | AppointmentSeriesCancelled;
export type SeriesEventType = SeriesEvent['type'];

export const SERIES_EVENTS = new EventFamily<SeriesEvent>('appointment series', { AppointmentSeriesBooked, AppointmentSeriesCancelled });

/** Free-text fields of the series events that may hold the patient's personal data. */
export const SERIES_PERSONAL_DATA_FIELDS: Record<SeriesEventType, readonly string[]> = {
  AppointmentSeriesBooked: ['title'],
  AppointmentSeriesCancelled: ['reason'],
};
