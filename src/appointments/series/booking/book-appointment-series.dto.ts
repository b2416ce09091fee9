import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../../shared/http/calendar-date.validator';
import { FreeText } from '../../../shared/http/input-policy';
import { AppointmentResource } from '../../../observability/api-schemas';
import { SlotRequestDto } from '../../booking/slot-request.dto';
import { MAX_INTERVAL_WEEKS, MAX_OCCURRENCES } from '../recurrence';

/** How the series repeats: weekly, every `interval` weeks, by `count` or until a local date (exactly one of the two). */
export class SeriesRecurrenceDto {
  @ApiProperty({ enum: ['weekly'] })
  @IsIn(['weekly'], { message: 'recurrence.frequency must be weekly' })
  frequency: 'weekly';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_INTERVAL_WEEKS, default: 1, description: 'Weeks between two occurrences' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INTERVAL_WEEKS)
  interval?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_OCCURRENCES, description: `Number of occurrences, at most ${MAX_OCCURRENCES}; or send until` })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_OCCURRENCES)
  count?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2027-06-28',
    description: `The last local date (the doctor's zone) an occurrence may fall on, inclusive; before the start's date plus one year, at most ${MAX_OCCURRENCES} occurrences; or send count`,
  })
  @IsOptional() @IsCalendarDate()
  until?: string;
}

/**
 * A weekly series: its first occurrence is the slot from `start` (each occurrence lasts the appointment
 * type's duration, so no `end`); every later one keeps its wall-clock time in the doctor's zone.
 */
export class BookAppointmentSeriesDto extends OmitType(SlotRequestDto, ['end'] as const) {
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(500) @FreeText()
  title: string;

  @ApiProperty({ type: SeriesRecurrenceDto })
  @IsObject() @ValidateNested() @Type(() => SeriesRecurrenceDto)
  recurrence: SeriesRecurrenceDto;
}

/** A booked series, for the OpenAPI document. */
export class BookedSeriesResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: [AppointmentResource], description: 'Every occurrence, in start order, each an appointment with seriesId' })
  appointments: AppointmentResource[];
}
