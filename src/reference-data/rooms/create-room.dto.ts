import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The rules of each field of a room, the same on create and on edit. */
export const ROOM_FIELDS = {
  name: () => applyDecorators(IsString(), IsNotEmpty(), MaxLength(200)),
};

export class CreateRoomDto {
  @ApiProperty()
  @ROOM_FIELDS.name()
  name: string;
}
