import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { FreeText } from '../../shared/http/input-policy';

export class ReassignAppointmentDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  doctorId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  roomId?: string;

  /** Why the appointment moves, for the history and the patient. */
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(1000) @FreeText()
  comment: string;
}
