import { familyStream } from '../../event-store/event-family';
import { SERIES_AGGREGATE_TYPE, SERIES_EVENTS, SeriesEvent } from '../domain/series.events';
import { AppointmentSeriesState, evolveSeries } from './appointment-series.state';

/** The `AppointmentSeries` streams, for the generic command handling: one per series, without snapshots (a series has few events). */
export const SERIES_STREAM = familyStream<AppointmentSeriesState, SeriesEvent>(SERIES_AGGREGATE_TYPE, SERIES_EVENTS, null, evolveSeries);
