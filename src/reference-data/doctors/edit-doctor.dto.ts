import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, registerDecorator } from 'class-validator';
import { WhenSent } from '../editing';
import { DOCTOR_FIELDS } from './create-doctor.dto';

/** A field that is changed elsewhere: sent here (null too), it is a 400 saying where. */
function ChangedElsewhere(message: string) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'changedElsewhere',
      target: target.constructor,
      propertyName,
      validator: { validate: (value: unknown) => value === undefined, defaultMessage: () => message },
    });
}

/**
 * PATCH /doctors/:id: any of the fields; `active: false` retires the doctor. Working hours are
 * not edited here: a change of hours takes effect from a date, through the doctor's schedule.
 */
export class EditDoctorDto {
  @ApiPropertyOptional()
  @WhenSent() @DOCTOR_FIELDS.name()
  name?: string;

  @ApiPropertyOptional()
  @WhenSent() @DOCTOR_FIELDS.email()
  email?: string;

  @ApiPropertyOptional()
  @WhenSent() @DOCTOR_FIELDS.specialty()
  specialty?: string;

  /** The zone the working hours are read in; a booked appointment keeps its instants. */
  @ApiPropertyOptional()
  @WhenSent() @DOCTOR_FIELDS.timezone()
  timezone?: string;

  @ApiPropertyOptional()
  @WhenSent() @IsBoolean()
  active?: boolean;

  @ApiHideProperty()
  @ChangedElsewhere('workingHours cannot be edited here: send PUT /doctors/{id}/working-hours with effectiveFrom and workingHours')
  workingHours?: never;
}
