import { Query } from '@nestjs/cqrs';
import { Actor, Role } from '../../shared/auth/actor';

/** One recorded change of an appointment: what happened, when, and who did it. */
export interface AppointmentHistoryEntry {
  position: number;
  version: number;
  eventType: string;
  occurredAt: string;
  actor: { userId: string; role: Role };
  correlationId: string;
  data: unknown;
}

export class GetAppointmentHistory extends Query<{ items: AppointmentHistoryEntry[] }> {
  constructor(
    readonly appointmentId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
