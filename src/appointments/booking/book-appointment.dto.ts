import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { FreeText } from '../../shared/http/input-policy';
import { SlotRequestDto } from './slot-request.dto';

/** A booking of a slot, with its title; converting a slot hold when it names one. */
export class BookAppointmentDto extends SlotRequestDto {
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(500) @FreeText()
  title: string;

  /** A slot hold (POST /holds) to convert: the booking must name its slot; only its holder converts it. */
  @ApiPropertyOptional({ format: 'uuid', description: 'A slot hold to convert into this appointment: the body must name the held slot (else 422); a hold released, expired or converted is a 410' })
  @IsOptional() @IsUUID()
  holdId?: string;
}
