import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The rules of each field of a patient, the same on create and on edit. */
export const PATIENT_FIELDS = {
  name: () => applyDecorators(IsString(), IsNotEmpty(), MaxLength(200)),
  email: () => IsEmail(),
  phone: () => applyDecorators(IsString(), Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a phone number' })),
};

export class CreatePatientDto {
  @ApiProperty()
  @PATIENT_FIELDS.name()
  name: string;

  @ApiProperty()
  @PATIENT_FIELDS.email()
  email: string;

  @ApiPropertyOptional()
  @IsOptional() @PATIENT_FIELDS.phone()
  phone?: string;
}
