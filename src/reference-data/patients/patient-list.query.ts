import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReferenceListQuery } from '../reference-records';

/** `GET /patients?name=`: the front desk finds a patient by a part of their name. */
export class PatientListQuery extends ReferenceListQuery {
  /** Patients whose name contains this, whatever the case (`schn` finds Mia Schneider). */
  @ApiPropertyOptional({ example: 'schn' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;
}
