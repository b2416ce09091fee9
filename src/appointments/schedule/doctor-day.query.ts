import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../shared/http/calendar-date.validator';
import { ReadQuery } from '../../shared/http/read-your-writes';

/** `?date=YYYY-MM-DD`: a day in the doctor's own timezone. */
export class DoctorDayQuery extends ReadQuery {
  @ApiProperty({ type: String, format: 'date', example: '2027-03-22' })
  @IsCalendarDate()
  date: string;
}
