import { Query } from '@nestjs/cqrs';
import { Actor } from '../../../shared/auth/actor';
import { AppointmentResource } from '../../appointment-resource';
import { SeriesRecurrence } from '../../domain/series.events';

/** A series as `GET /appointment-series/:id` shows it: what was booked together, and every occurrence as it is now. */
export interface SeriesResource {
  id: string;
  doctorId: string;
  patientId: string;
  roomId: string;
  appointmentTypeId: string;
  title: string;
  timezone: string;
  localTime: string;
  recurrence: SeriesRecurrence;
  /** The occurrences cancelled by cancellations of the series (one cancelled alone is only in its appointment's status). */
  cancelledAppointmentIds: string[];
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
