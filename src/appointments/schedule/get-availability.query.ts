import { ApiProperty } from '@nestjs/swagger';
import { Query } from '@nestjs/cqrs';
import { IsUUID } from 'class-validator';
import { Actor } from '../../shared/auth/actor';
import { FreeSlot } from '../domain/availability';
import { DoctorDayQuery } from './doctor-day.query';

export class AvailabilityQuery extends DoctorDayQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  appointmentTypeId: string;
}

export interface Availability {
  doctorId: string;
  date: string;
  timezone: string;
  appointmentTypeId: string;
  slots: FreeSlot[];
}

/** Free slots of a doctor on a local date for an appointment type. */
export class GetAvailability extends Query<Availability> {
  constructor(
    readonly doctorId: string,
    readonly date: string,
    readonly appointmentTypeId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
