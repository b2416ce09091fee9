import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { FreeText } from '../../shared/http/input-policy';

export class CancelAppointmentDto {
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(1000) @FreeText()
  reason: string;
}
