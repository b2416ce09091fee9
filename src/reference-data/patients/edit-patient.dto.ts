import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, ValidateIf } from 'class-validator';
import { WhenSent } from '../editing';
import { PATIENT_FIELDS } from './create-patient.dto';

/**
 * PATCH /patients/:id: any of the fields (`phone: null` removes the phone); `active: false`
 * retires the patient (admin only). Staff may send `name`, `email` and `phone`; a patient editing
 * their own record `email` and `phone` only.
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

/**
 * What each role other than admin may change: staff correct a patient's name and contact details
 * (retiring a patient is an admin's decision), a patient their own email and phone.
 */
export const EDITABLE_PATIENT_FIELDS: Readonly<Record<'staff' | 'patient', ReadonlyArray<keyof EditPatientDto>>> = {
  staff: ['name', 'email', 'phone'],
  patient: ['email', 'phone'],
};
