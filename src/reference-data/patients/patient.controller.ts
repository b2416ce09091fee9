import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Roles } from '../../shared/auth/roles.decorator';
import { Page, PageQuery } from '../../shared/http/page';
import { NEXT_CURSOR } from '../next-cursor.property';
import { ReferenceRecords } from '../reference-records';
import { CreatePatientDto } from './create-patient.dto';
import { Patient } from './patient.entity';

/** A page of the patient list, as the OpenAPI document shows it. */
export class PatientPage {
  @ApiProperty({ type: [Patient] }) items: Patient[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

/** `/patients`: admins create patients, staff and doctors read them. */
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
  @ApiOperation({ summary: 'List patients by name' })
  @ApiOkResponse({ type: PatientPage })
  @Roles('admin', 'staff', 'doctor')
  async list(@Query() query: PageQuery): Promise<Page<Patient>> {
    return this.records.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a patient' })
  @Roles('admin', 'staff', 'doctor')
  @ApiOkResponse({ type: Patient })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<Patient> {
    return this.records.get(id);
  }
}
