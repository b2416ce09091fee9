import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { FreeText } from '../../shared/http/input-policy';
import { IsInstant } from '../../shared/http/is-instant.validator';

export class ScheduleTimeOffDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2027-03-22T00:00:00+01:00' })
  @IsInstant()
  start: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2027-03-27T00:00:00+01:00' })
  @IsInstant()
  end: string;

  /** Defaults to "time off"; the reason given to patients whose appointments it cancels. */
  @ApiPropertyOptional({ example: 'Annual leave' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(1000) @FreeText()
  reason?: string;

  /** Cancel the booked appointments in the way (their patients are emailed) instead of answering 409. */
  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean()
  cancelAppointments?: boolean;
}
