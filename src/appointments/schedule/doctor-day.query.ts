import { ApiProperty } from '@nestjs/swagger';
import { Matches, registerDecorator } from 'class-validator';
import { DateTime } from 'luxon';
import { ReadQuery } from '../../shared/http/read-your-writes';

/** A calendar date, YYYY-MM-DD, that exists. */
function IsCalendarDate() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && DateTime.fromISO(value).isValid,
        defaultMessage: () => `${propertyName} must be a calendar date, YYYY-MM-DD`,
      },
    });
}

/** `?date=YYYY-MM-DD`: a day in the doctor's own timezone. */
export class DoctorDayQuery extends ReadQuery {
  @ApiProperty({ type: String, format: 'date', example: '2027-03-22' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) @IsCalendarDate()
  date: string;
}
