import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CreateAppointmentTypeDto {
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty()
  @IsInt() @Min(1) @Max(24 * 60)
  durationMinutes: number;

  @ApiPropertyOptional()
  @IsOptional() @IsInt() @Min(0) @Max(240)
  bufferBeforeMinutes?: number = 0;

  @ApiPropertyOptional()
  @IsOptional() @IsInt() @Min(0) @Max(240)
  bufferAfterMinutes?: number = 0;
}
