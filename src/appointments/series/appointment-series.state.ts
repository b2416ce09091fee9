import { assertNever } from '../domain/assert-never';
import { SeriesEvent, SeriesOccurrence, SeriesTerms } from '../domain/series.events';

/**
 * A recurring series as its stream tells it: who and what was booked together, the occurrences
 * as booked, and those a cancellation of the series has cancelled. An occurrence's own changes
 * (rescheduled, cancelled alone) are its appointment's events, not the series'.
 */
export interface AppointmentSeries extends SeriesTerms {
  id: string;
  occurrences: SeriesOccurrence[];
  /** Every occurrence the series' cancellations have cancelled, in the order they did. */
  cancelledAppointmentIds: string[];
  version: number;
}

/** `null` is the state of a series with no events yet. */
export type AppointmentSeriesState = AppointmentSeries | null;

/** Applies one event of a series; events are facts, so this never refuses one. */
export function evolveSeries(state: AppointmentSeriesState, event: SeriesEvent): AppointmentSeriesState {
  switch (event.type) {
    case 'AppointmentSeriesBooked': {
      const { seriesId, ...booked } = event.data;
      return { id: seriesId, ...booked, cancelledAppointmentIds: [], version: 1 };
    }
    case 'AppointmentSeriesCancelled':
      if (state === null) throw new Error('AppointmentSeriesCancelled cannot start a stream');
      return { ...state, cancelledAppointmentIds: [...state.cancelledAppointmentIds, ...event.data.cancelledAppointmentIds], version: state.version + 1 };
    default:
      return assertNever(event);
  }
}
