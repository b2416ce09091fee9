import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadDatabase } from '../../database/read-database';
import { assertVisibleTo } from '../appointment-access';
import { AppointmentResources, appointmentResourceFromDetailsRow } from '../appointment-resource';
import { AppointmentNotFound } from '../domain/appointment.errors';
import { AppointmentRepository } from '../persistence/appointment.repository';
import { APPOINTMENT_DETAILS_COLUMNS, AppointmentDetailsRow } from './appointment-details.columns';
import { GetAppointment } from './get-appointment.query';

/** The current appointment from the read table; a past state is rebuilt from the events. */
@QueryHandler(GetAppointment)
export class GetAppointmentHandler implements IQueryHandler<GetAppointment> {
  constructor(
    private readonly dataSource: ReadDatabase,
    private readonly repository: AppointmentRepository,
    private readonly resources: AppointmentResources,
  ) {}

  async execute({ appointmentId, actor, at }: GetAppointment) {
    if (at) {
      const state = await this.repository.loadAsOf(appointmentId, at);
      if (state === null) throw new AppointmentNotFound(appointmentId);
      assertVisibleTo(actor, state);
      return this.resources.of(state);
    }
    const [row]: Array<AppointmentDetailsRow | undefined> = await this.dataSource.query(
      `select ${APPOINTMENT_DETAILS_COLUMNS} from appointment_details where id = $1`,
      [appointmentId],
    );
    if (!row) throw new AppointmentNotFound(appointmentId);
    assertVisibleTo(actor, row);
    return appointmentResourceFromDetailsRow(row);
  }
}
