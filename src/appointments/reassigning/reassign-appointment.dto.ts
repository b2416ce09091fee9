import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class ReassignAppointmentDto {
  @IsOptional() @IsUUID()
  doctorId?: string;

  @IsOptional() @IsUUID()
  roomId?: string;

  /** Why the appointment moves, for the history and the patient. */
  @IsString() @IsNotEmpty() @MaxLength(1000)
  comment: string;
}
