import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateRoomDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;
}
