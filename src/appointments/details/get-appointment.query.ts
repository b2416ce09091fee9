import { Query } from '@nestjs/cqrs';
import { Actor } from '../../shared/auth/actor';
import { AppointmentResource } from '../appointment-resource';
import { PointInTime } from '../persistence/appointment.repository';

/** An appointment as it is now, or as it was at a version or a time (rebuilt from its events). */
export class GetAppointment extends Query<AppointmentResource> {
  constructor(
    readonly appointmentId: string,
    readonly actor: Actor,
    readonly at?: PointInTime,
  ) {
    super();
  }
}
