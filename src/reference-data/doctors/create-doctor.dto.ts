import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsObject, IsString, MaxLength, registerDecorator, ValidationArguments } from 'class-validator';
import { isValidTimezone, WorkingHours, workingHoursProblems } from '../../appointments/domain/working-hours';

function IsIanaTimezone() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIanaTimezone',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidTimezone(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be an IANA timezone such as Europe/Berlin`,
      },
    });
}

/** Working hours as a doctor's schedule takes them: each problem of the value named in the message. */
function IsWorkingHours(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isWorkingHours',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => workingHoursProblems(value).length === 0,
        defaultMessage: (args?: ValidationArguments) => workingHoursProblems(args?.value).join('; '),
      },
    });
}

/** The rules of each field of a doctor, the same on create and on edit. */
export const DOCTOR_FIELDS = {
  name: () => applyDecorators(IsString(), IsNotEmpty(), MaxLength(200)),
  email: () => IsEmail(),
  specialty: () => applyDecorators(IsString(), IsNotEmpty(), MaxLength(200)),
  timezone: () => IsIanaTimezone(),
  /** The weekly hours, on create and in a change of hours from a date (PUT /doctors/:id/working-hours). */
  workingHours: () => applyDecorators(IsObject(), IsWorkingHours()),
};

export class CreateDoctorDto {
  @ApiProperty()
  @DOCTOR_FIELDS.name()
  name: string;

  @ApiProperty()
  @DOCTOR_FIELDS.email()
  email: string;

  @ApiProperty()
  @DOCTOR_FIELDS.specialty()
  specialty: string;

  @ApiProperty()
  @DOCTOR_FIELDS.timezone()
  timezone: string;

  /** `{ "mon": [["09:00","12:00"],["13:00","17:00"]], ... }` in the doctor's timezone. */
  @ApiProperty({ example: { mon: [['09:00', '12:00'], ['13:00', '17:00']] }, description: 'Wall-clock ranges per weekday in the doctor timezone' })
  @DOCTOR_FIELDS.workingHours()
  workingHours: WorkingHours;
}
