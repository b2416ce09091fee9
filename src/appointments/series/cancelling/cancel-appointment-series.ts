import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../command-execution/command-options';
import { Appointment } from '../../domain/appointment.state';
import { AppointmentSeriesCancelled } from '../../domain/series.events';
import { AppointmentSeries } from '../appointment-series.state';
import { localDateOf } from '../recurrence';
import { NothingToCancel, SeriesCancellationRetroactive } from '../series.errors';

/** Cancel a series from a local date on (the doctor's zone; today when absent), with the reason. */
export interface SeriesCancellationRequest {
  reason: string;
  from?: string;
}

/** A series cancellation as answered: the occurrences it cancelled, the position of the last event. */
export interface SeriesCancellationOutcome {
  id: string;
  from: string;
  reason: string;
  cancelledAppointmentIds: string[];
  position: number;
  /** True when this is the stored outcome of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export class CancelAppointmentSeries extends Command<SeriesCancellationOutcome> {
  constructor(
    readonly seriesId: string,
    readonly request: SeriesCancellationRequest,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/**
 * Cancelling a series cancels every occurrence still booked whose start, as it is now (an
 * occurrence may have been moved), falls on `from` or later on the doctor's clock. `from` is
 * today or later: the past stays as it happened. An occurrence checked in, fulfilled, missed or
 * cancelled already is left as it is; a cancellation that would cancel nothing is refused.
 */
export function decideSeriesCancellation(series: AppointmentSeries, occurrences: readonly Appointment[], request: SeriesCancellationRequest, now: Date): AppointmentSeriesCancelled {
  const today = localDateOf(now, series.timezone);
  const from = request.from ?? today;
  if (from < today) throw new SeriesCancellationRetroactive(from, today, series.timezone);
  const cancelled = occurrences
    .filter((occurrence) => occurrence.status === 'booked' && localDateOf(new Date(occurrence.start), series.timezone) >= from)
    .sort((a, b) => a.start.localeCompare(b.start));
  if (cancelled.length === 0) throw new NothingToCancel(series.id, from);
  return new AppointmentSeriesCancelled({
    seriesId: series.id,
    patientId: series.patientId,
    from,
    reason: request.reason,
    cancelledAppointmentIds: cancelled.map((occurrence) => occurrence.id),
  });
}
