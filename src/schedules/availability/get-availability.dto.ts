import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DoctorDayQuery } from '../../appointments/schedule/doctor-day.query';

/**
 * `?date=YYYY-MM-DD&appointmentTypeId=[&roomId][&patientId]`. `minPosition` is accepted as on
 * the read-table queries and always satisfied at once: availability reads the write side, where a
 * command's effect is visible as soon as the command has answered.
 */
export class DoctorAvailabilityQuery extends DoctorDayQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  appointmentTypeId: string;

  /** Only slots where this room is free too. */
  @ApiPropertyOptional({ format: 'uuid', description: 'Only slots where this room is free too' })
  @IsOptional() @IsUUID()
  roomId?: string;

  /** Only slots where this patient is free too (a patient may name only themself). */
  @ApiPropertyOptional({ format: 'uuid', description: 'Only slots where this patient is free too (a patient may name only themself)' })
  @IsOptional() @IsUUID()
  patientId?: string;
}
