import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { FreeText } from '../../shared/http/input-policy';
import { IsInstant } from '../../shared/http/is-instant.validator';

export class BookAppointmentDto {
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
  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2027-03-22T09:00:00+01:00' })
  @IsOptional() @IsInstant()
  end?: string;

  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(500) @FreeText()
  title: string;

  /** A slot hold (POST /holds) to convert: the booking must name its slot; only its holder converts it. */
  @ApiPropertyOptional({ format: 'uuid', description: 'A slot hold to convert into this appointment: the body must name the held slot (else 422); a hold released, expired or converted is a 410' })
  @IsOptional() @IsUUID()
  holdId?: string;
}
