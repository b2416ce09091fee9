import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** The rules of each field of an appointment type, the same on create and on edit. */
export const APPOINTMENT_TYPE_FIELDS = {
  name: () => applyDecorators(IsString(), IsNotEmpty(), MaxLength(200)),
  durationMinutes: () => applyDecorators(IsInt(), Min(1), Max(24 * 60)),
  bufferMinutes: () => applyDecorators(IsInt(), Min(0), Max(240)),
};

export class CreateAppointmentTypeDto {
  @ApiProperty()
  @APPOINTMENT_TYPE_FIELDS.name()
  name: string;

  @ApiProperty()
  @APPOINTMENT_TYPE_FIELDS.durationMinutes()
  durationMinutes: number;

  @ApiPropertyOptional()
  @IsOptional() @APPOINTMENT_TYPE_FIELDS.bufferMinutes()
  bufferBeforeMinutes?: number = 0;

  @ApiPropertyOptional()
  @IsOptional() @APPOINTMENT_TYPE_FIELDS.bufferMinutes()
  bufferAfterMinutes?: number = 0;
}
