import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CreateAppointmentTypeDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @IsInt() @Min(1) @Max(24 * 60)
  durationMinutes: number;

  @IsOptional() @IsInt() @Min(0) @Max(240)
  bufferBeforeMinutes?: number = 0;

  @IsOptional() @IsInt() @Min(0) @Max(240)
  bufferAfterMinutes?: number = 0;
}
