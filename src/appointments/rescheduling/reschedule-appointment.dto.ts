import { IsOptional } from 'class-validator';
import { IsInstant } from '../../shared/http/is-instant.validator';

export class RescheduleAppointmentDto {
  @IsInstant()
  start: string;

  /** Defaults to start + the appointment type's duration. */
  @IsOptional() @IsInstant()
  end?: string;
}
