import { ApiPropertyOptional } from '@nestjs/swagger';
import { Query } from '@nestjs/cqrs';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { Actor } from '../../shared/auth/actor';
import { IsInstant } from '../../shared/http/is-instant.validator';
import { MAX_PAGE_SIZE, Page } from '../../shared/http/page';
import { ReadQuery } from '../../shared/http/read-your-writes';
import { AppointmentView } from '../appointment-view';
import { AppointmentStatus } from '../domain/appointment.state';

const STATUSES: AppointmentStatus[] = ['booked', 'checked-in', 'fulfilled', 'cancelled', 'noshow'];

/** `GET /appointments` filters; `status` takes one status or a comma-separated list. */
export class ListAppointmentsFilter extends ReadQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() doctorId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() patientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() roomId?: string;

  @ApiPropertyOptional({ type: String, description: 'One status or a comma-separated list', example: 'booked,checked-in' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsIn(STATUSES, { each: true, message: `status must be one or more of ${STATUSES.join(', ')}` })
  status?: AppointmentStatus[];

  /** Appointments starting at or after this instant. */
  @ApiPropertyOptional({ type: String, format: 'date-time' }) @IsOptional() @IsInstant() from?: string;
  /** Appointments starting before this instant. */
  @ApiPropertyOptional({ type: String, format: 'date-time' }) @IsOptional() @IsInstant() to?: string;

  @ApiPropertyOptional()
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsString()
  cursor?: string;
}

/** Appointments in start order, filtered and scoped to what the actor may see. */
export class ListAppointments extends Query<Page<AppointmentView>> {
  constructor(
    readonly filter: ListAppointmentsFilter,
    readonly actor: Actor,
  ) {
    super();
  }
}
