import { ApiProperty } from '@nestjs/swagger';
import { WorkingHours } from '../../appointments/domain/working-hours';
import { DOCTOR_FIELDS } from '../../reference-data/doctors/create-doctor.dto';
import { IsCalendarDate } from '../../shared/http/calendar-date.validator';

export class ChangeWorkingHoursDto {
  /** The first local date (the doctor's zone) the hours are in force, until a later change; today or later. */
  @ApiProperty({ format: 'date', example: '2027-04-01' })
  @IsCalendarDate()
  effectiveFrom: string;

  /** `{ "mon": [["09:00","12:00"],["13:00","17:00"]], ... }` in the doctor's timezone; a weekday left out is not worked. */
  @ApiProperty({ example: { mon: [['09:00', '12:00'], ['13:00', '17:00']] }, description: 'Wall-clock ranges per weekday in the doctor timezone' })
  @DOCTOR_FIELDS.workingHours()
  workingHours: WorkingHours;
}

/** The answer to a working-hours change, for the OpenAPI document. */
export class WorkingHoursChangeResponse {
  @ApiProperty({ format: 'uuid' }) doctorId: string;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty({ example: { mon: [['09:00', '12:00'], ['13:00', '17:00']] } }) workingHours: WorkingHours;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Booked appointments from effectiveFrom on that the hours in force on their date leave outside; they stay booked',
  })
  outsideHours: string[];
}
