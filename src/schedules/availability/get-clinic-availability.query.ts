import { Query } from '@nestjs/cqrs';
import { Actor } from '../../shared/auth/actor';
import { DoctorFreeSlot } from './availability';

export interface ClinicAvailability {
  slots: DoctorFreeSlot[];
}

/** Free slots of every active doctor (of a specialty) on a date for an appointment type. */
export class GetClinicAvailability extends Query<ClinicAvailability> {
  constructor(
    readonly request: { date: string; appointmentTypeId: string; specialty?: string },
    readonly actor: Actor,
  ) {
    super();
  }
}
