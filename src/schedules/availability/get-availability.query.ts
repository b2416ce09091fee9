import { Query } from '@nestjs/cqrs';
import { Actor } from '../../shared/auth/actor';
import { FreeSlot } from './availability';

export interface Availability {
  doctorId: string;
  date: string;
  timezone: string;
  appointmentTypeId: string;
  slots: FreeSlot[];
}

/**
 * Free slots of a doctor on a local date for an appointment type, narrowed to those where a
 * room and a patient are free too when they are named.
 */
export class GetAvailability extends Query<Availability> {
  constructor(
    readonly doctorId: string,
    readonly request: { date: string; appointmentTypeId: string; roomId?: string; patientId?: string },
    readonly actor: Actor,
  ) {
    super();
  }
}
