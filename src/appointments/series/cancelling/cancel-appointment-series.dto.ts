import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../../shared/http/calendar-date.validator';
import { FreeText } from '../../../shared/http/input-policy';

export class CancelAppointmentSeriesDto {
  @ApiProperty({ description: 'Recorded on every occurrence cancelled' })
  @IsString() @IsNotEmpty() @MaxLength(1000) @FreeText()
  reason: string;

  /** The first local date (the doctor's zone) cancelled; today when absent, never before it. */
  @ApiPropertyOptional({ type: String, format: 'date', example: '2027-11-01' })
  @IsOptional() @IsCalendarDate()
  from?: string;
}

/** A series cancellation, for the OpenAPI document. */
export class SeriesCancellationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date', description: 'The first local date cancelled' }) from: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The occurrences cancelled, in start order' }) cancelledAppointmentIds: string[];
}
