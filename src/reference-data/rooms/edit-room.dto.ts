import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { WhenSent } from '../editing';
import { ROOM_FIELDS } from './create-room.dto';

/** PATCH /rooms/:id: any of the fields; `active: false` retires the room, `true` reinstates it. */
export class EditRoomDto {
  @ApiPropertyOptional()
  @WhenSent() @ROOM_FIELDS.name()
  name?: string;

  @ApiPropertyOptional()
  @WhenSent() @IsBoolean()
  active?: boolean;
}
