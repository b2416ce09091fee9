import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../shared/http/calendar-date.validator';

export class JoinWaitlistDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  patientId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  appointmentTypeId: string;

  @ApiProperty({ type: String, format: 'date', example: '2027-03-22', description: "First local date of the window, in the clinic's zone" })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ type: String, format: 'date', example: '2027-04-05', description: "Last local date of the window, in the clinic's zone, included; today or later, at most 180 days after `from`" })
  @IsCalendarDate()
  to: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this doctor's time; absent: any doctor" })
  @IsOptional() @IsUUID()
  doctorId?: string;
}
