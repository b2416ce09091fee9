import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { WhenSent } from '../editing';
import { APPOINTMENT_TYPE_FIELDS } from './create-appointment-type.dto';

/**
 * PATCH /appointment-types/:id: any of the fields; `active: false` retires the type. New terms
 * apply to what is booked or rescheduled from then on; a booked appointment keeps its times.
 */
export class EditAppointmentTypeDto {
  @ApiPropertyOptional()
  @WhenSent() @APPOINTMENT_TYPE_FIELDS.name()
  name?: string;

  @ApiPropertyOptional()
  @WhenSent() @APPOINTMENT_TYPE_FIELDS.durationMinutes()
  durationMinutes?: number;

  @ApiPropertyOptional()
  @WhenSent() @APPOINTMENT_TYPE_FIELDS.bufferMinutes()
  bufferBeforeMinutes?: number;

  @ApiPropertyOptional()
  @WhenSent() @APPOINTMENT_TYPE_FIELDS.bufferMinutes()
  bufferAfterMinutes?: number;

  @ApiPropertyOptional()
  @WhenSent() @IsBoolean()
  active?: boolean;
}
