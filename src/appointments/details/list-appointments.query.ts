import { ApiPropertyOptional } from '@nestjs/swagger';
import { Query } from '@nestjs/cqrs';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Actor } from '../../shared/auth/actor';
import { Repeatable } from '../../shared/http/input-policy';
import { IsBooleanParam } from '../../shared/http/boolean-param.validator';
import { IsIntegerParam } from '../../shared/http/integer-param.validator';
import { IsInstant } from '../../shared/http/is-instant.validator';
import { IsCursor, MAX_PAGE_SIZE, Page, START_CURSOR } from '../../shared/http/page';
import { ReadQuery } from '../../shared/http/read-your-writes';
import { AppointmentResource } from '../appointment-resource';
import { AppointmentStatus } from '../domain/appointment.state';

const STATUSES: AppointmentStatus[] = ['booked', 'checked-in', 'fulfilled', 'cancelled', 'noshow'];

/** `booked,cancelled` or `status=booked&status=cancelled`: one list of statuses. */
function statusList(value: unknown): unknown[] {
  const given: unknown[] = Array.isArray(value) ? value : [value];
  return given.flatMap((each) => (typeof each === 'string' ? each.split(',') : [each]));
}

/** `GET /appointments` filters; `status` takes one status or a comma-separated list, and may be repeated. */
export class ListAppointmentsFilter extends ReadQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() doctorId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() patientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() roomId?: string;
  /** The occurrences of one recurring series. */
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() seriesId?: string;

  @ApiPropertyOptional({ type: String, description: 'One status or a comma-separated list', example: 'booked,checked-in' })
  @IsOptional() @Repeatable()
  @Transform(({ value }) => statusList(value))
  @IsIn(STATUSES, { each: true, message: `status must be one or more of ${STATUSES.join(', ')}` })
  status?: AppointmentStatus[];

  /** Appointments starting at or after this instant. */
  @ApiPropertyOptional({ type: String, format: 'date-time' }) @IsOptional() @IsInstant() from?: string;
  /** Appointments starting before this instant. */
  @ApiPropertyOptional({ type: String, format: 'date-time' }) @IsOptional() @IsInstant() to?: string;

  /**
   * `true`: only booked appointments not started yet that lie outside their doctor's working
   * hours in force on their date (left there by a change of hours); `false` is no filter.
   */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @IsBooleanParam()
  needsAttention?: boolean;

  @ApiPropertyOptional()
  @IsOptional() @IsIntegerParam(1, MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsCursor(START_CURSOR)
  cursor?: string;
}

/** Appointments in start order, filtered and scoped to what the actor may see. */
export class ListAppointments extends Query<Page<AppointmentResource>> {
  constructor(
    readonly filter: ListAppointmentsFilter,
    readonly actor: Actor,
  ) {
    super();
  }
}
