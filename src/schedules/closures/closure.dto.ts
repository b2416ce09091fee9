import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { FreeText } from '../../shared/http/input-policy';
import { IsInstant } from '../../shared/http/is-instant.validator';

export class ScheduleClosureDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2027-12-24T00:00:00+01:00' })
  @IsInstant()
  start: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2027-12-27T00:00:00+01:00' })
  @IsInstant()
  end: string;

  /** Why the clinic is closed; the reason given to patients whose appointments it cancels. */
  @ApiProperty({ example: 'Christmas' })
  @IsString() @IsNotEmpty() @MaxLength(1000) @FreeText()
  reason: string;

  /** Cancel the booked appointments in the way (their patients are emailed) instead of answering 409. */
  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean()
  cancelAppointments?: boolean;
}
