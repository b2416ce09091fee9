import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadDatabase } from '../../../database/read-database';
import { CommandHandling } from '../../../event-store/command-handling';
import { appointmentResourceFromDetailsRow } from '../../appointment-resource';
import { APPOINTMENT_DETAILS_COLUMNS, AppointmentDetailsRow } from '../../details/appointment-details.columns';
import { SERIES_STREAM } from '../series-stream';
import { seriesVisibleTo } from '../series-access';
import { GetAppointmentSeries, SeriesResource } from './get-appointment-series.query';

/**
 * The series from its stream (never behind), its occurrences from the appointment-details read
 * table (eventually consistent: `minPosition` waits for a write just made). The id of another
 * kind of stream names no series (404).
 */
@QueryHandler(GetAppointmentSeries)
export class GetAppointmentSeriesHandler implements IQueryHandler<GetAppointmentSeries> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly readDatabase: ReadDatabase,
  ) {}

  async execute({ seriesId, actor }: GetAppointmentSeries): Promise<SeriesResource> {
    const series = seriesVisibleTo(actor, seriesId, (await this.commands.load(SERIES_STREAM, seriesId)).state);
    const rows: AppointmentDetailsRow[] = await this.readDatabase.query(
      `select ${APPOINTMENT_DETAILS_COLUMNS} from appointment_details where series_id = $1 order by start, id`,
      [seriesId],
    );
    const { occurrences: _occurrences, version: _version, ...shown } = series;
    return { ...shown, appointments: rows.map(appointmentResourceFromDetailsRow) };
  }
}
