import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsInstant } from '../../shared/http/is-instant.validator';

/**
 * The slot a request asks for: an appointment type with a doctor, a patient and a room from `start`.
 * A booking, a slot hold and a series (its first occurrence) name their slot with these fields.
 */
export class SlotRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  appointmentTypeId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  doctorId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  patientId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  roomId: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2027-03-22T09:00:00+01:00' })
  @IsInstant()
  start: string;

  /** Defaults to start + the appointment type's duration. */
  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2027-03-22T09:30:00+01:00' })
  @IsOptional() @IsInstant()
  end?: string;
}
