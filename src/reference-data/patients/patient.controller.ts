import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { FastifyReply } from 'fastify';
import { Repository } from 'typeorm';
import { Actor } from '../../shared/auth/actor';
import { NotAllowed, RecordNotFound } from '../../shared/application-errors';
import { Roles } from '../../shared/auth/roles.decorator';
import { Page } from '../../shared/http/page';
import { Context } from '../../shared/http/request-context.decorator';
import { RequestContext } from '../../shared/request-context';
import { ApiRecordResponse, DocumentedEdit, IfMatchVersions, sentFields, SomeFieldPipe, withETag } from '../editing';
import { NEXT_CURSOR } from '../next-cursor.property';
import { ReferenceRecords } from '../reference-records';
import { CreatePatientDto } from './create-patient.dto';
import { EDITABLE_PATIENT_FIELDS, EditPatientDto } from './edit-patient.dto';
import { PatientListQuery } from './patient-list.query';
import { Patient } from './patient.entity';

/** A page of the patient list, as the OpenAPI document shows it. */
export class PatientPage {
  @ApiProperty({ type: [Patient] }) items: Patient[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

/** A patient sees and edits only their own record; another's is not there for them (404, never 403). */
function assertOwnRecord(actor: Actor, id: string): void {
  if (actor.role === 'patient' && actor.patientId !== id) throw new RecordNotFound('Patient', id);
}

/** `name, email and phone`: the fields a refusal names. */
function listed(fields: readonly string[]): string {
  return fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
}

/**
 * `/patients`: admins create, edit and retire patients; staff correct a patient's name and
 * contact details; staff list and search them, staff and doctors read one by id; a patient reads
 * their own record and edits their own email and phone.
 */
@Controller('patients')
@ApiTags('Patients')
export class PatientController {
  private readonly records: ReferenceRecords<Patient>;

  constructor(@InjectRepository(Patient) repository: Repository<Patient>) {
    this.records = new ReferenceRecords(repository, 'Patient');
  }

  @Post()
  @ApiOperation({ summary: 'Create a patient' })
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: Patient })
  async create(@Body() body: CreatePatientDto): Promise<Patient> {
    return this.records.create(body);
  }

  @Get()
  @ApiOperation({
    summary: 'List patients by name (admin and staff)',
    description: 'With name, only the patients whose name contains it, whatever the case. The directory of every patient is for the front desk: a doctor reads a patient by id.',
  })
  @ApiOkResponse({ type: PatientPage })
  @Roles('admin', 'staff')
  async list(@Query() query: PatientListQuery, @Context() context: RequestContext): Promise<Page<Patient>> {
    return this.records.list(query, context.actor, { nameContains: query.name });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a patient' })
  @Roles('admin', 'staff', 'doctor', 'patient')
  @ApiRecordResponse(Patient)
  async get(@Param('id', ParseUUIDPipe) id: string, @Context() context: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<Patient> {
    assertOwnRecord(context.actor, id);
    return withETag(reply, await this.records.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit or retire a patient (staff: name, email and phone; a patient: their own email and phone)' })
  @Roles('admin', 'staff', 'patient')
  @DocumentedEdit(Patient)
  async edit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(SomeFieldPipe) body: EditPatientDto,
    @IfMatchVersions() ifMatch: number[] | undefined,
    @Context() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Patient> {
    assertOwnRecord(context.actor, id);
    const changes = sentFields(body);
    const { role } = context.actor;
    if (role === 'staff' || role === 'patient') {
      const allowed = EDITABLE_PATIENT_FIELDS[role];
      const others = Object.keys(changes).filter((field) => !allowed.includes(field as keyof EditPatientDto));
      const who = role === 'patient' ? 'A patient may change only their' : "Staff may change only a patient's";
      if (others.length > 0) throw new NotAllowed(`${who} ${listed(allowed)}, not ${others.join(', ')}`);
    }
    return withETag(reply, await this.records.edit(id, changes, ifMatch));
  }
}
