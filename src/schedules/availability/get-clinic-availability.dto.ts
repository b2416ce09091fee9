import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/http/calendar-date.validator';
import { ReadQuery } from '../../shared/http/read-your-writes';

/**
 * `?date=YYYY-MM-DD&appointmentTypeId=[&specialty]`. `minPosition` is accepted and always
 * satisfied at once, as for a doctor's availability (it reads the write side).
 */
export class ClinicAvailabilityQuery extends ReadQuery {
  /** A day in each doctor's own timezone. */
  @ApiProperty({ type: String, format: 'date', example: '2027-03-22', description: "A day in each doctor's own timezone" })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  appointmentTypeId: string;

  /** Only doctors of this specialty, exactly as written on the doctor ("Cardiology"). */
  @ApiPropertyOptional({ example: 'Cardiology', description: 'Only doctors of this specialty (exact match)' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  specialty?: string;
}
