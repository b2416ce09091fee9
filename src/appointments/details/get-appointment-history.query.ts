import { Query } from '@nestjs/cqrs';
import { Actor } from '../../shared/auth/actor';
import { AppointmentHistoryEntry } from './appointment-details.entity';

export class GetAppointmentHistory extends Query<{ items: AppointmentHistoryEntry[] }> {
  constructor(
    readonly appointmentId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
