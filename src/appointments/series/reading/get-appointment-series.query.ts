import { Query } from '@nestjs/cqrs';
import { Actor } from '../../../shared/auth/actor';
import { AppointmentResource } from '../../appointment-resource';
import { AppointmentSeries } from '../appointment-series.state';

/** A series as `GET /appointment-series/:id` shows it: what was booked together, and every occurrence as it is now. */
export interface SeriesResource extends Omit<AppointmentSeries, 'occurrences' | 'version'> {
  /** Every occurrence, in start order, with its status. */
  appointments: AppointmentResource[];
}

export class GetAppointmentSeries extends Query<SeriesResource> {
  constructor(
    readonly seriesId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
