import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, ValidateIf } from 'class-validator';
import { WhenSent } from '../editing';
import { PATIENT_FIELDS } from './create-patient.dto';

/**
 * PATCH /patients/:id: any of the fields (`phone: null` removes the phone); `active: false`
 * retires the patient. A patient editing their own record may send `email` and `phone` only.
 */
export class EditPatientDto {
  @ApiPropertyOptional()
  @WhenSent() @PATIENT_FIELDS.name()
  name?: string;

  @ApiPropertyOptional()
  @WhenSent() @PATIENT_FIELDS.email()
  email?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null) @PATIENT_FIELDS.phone()
  phone?: string | null;

  @ApiPropertyOptional()
  @WhenSent() @IsBoolean()
  active?: boolean;
}

/** What a patient may change in their own record. */
export const OWN_PATIENT_FIELDS: ReadonlyArray<keyof EditPatientDto> = ['email', 'phone'];
