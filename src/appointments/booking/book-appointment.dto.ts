import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsInstant } from '../../shared/http/is-instant.validator';

export class BookAppointmentDto {
  @IsUUID()
  appointmentTypeId: string;

  @IsUUID()
  doctorId: string;

  @IsUUID()
  patientId: string;

  @IsUUID()
  roomId: string;

  @IsInstant()
  start: string;

  /** Defaults to start + the appointment type's duration. */
  @IsOptional() @IsInstant()
  end?: string;

  @IsString() @IsNotEmpty() @MaxLength(500)
  title: string;
}
