import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Roles } from '../../shared/auth/roles.decorator';
import { Page, PageQuery } from '../../shared/http/page';
import { NEXT_CURSOR } from '../next-cursor.property';
import { ReferenceRecords } from '../reference-records';
import { CreateDoctorDto } from './create-doctor.dto';
import { Doctor } from './doctor.entity';

/** A page of the doctor list, as the OpenAPI document shows it. */
export class DoctorPage {
  @ApiProperty({ type: [Doctor] }) items: Doctor[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

/** `/doctors`: admins create doctors, everyone with a token reads them. */
@Controller('doctors')
@ApiTags('Doctors')
export class DoctorController {
  private readonly records: ReferenceRecords<Doctor>;

  constructor(@InjectRepository(Doctor) repository: Repository<Doctor>) {
    this.records = new ReferenceRecords(repository, 'Doctor');
  }

  @Post()
  @ApiOperation({ summary: 'Create a doctor' })
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: Doctor })
  async create(@Body() body: CreateDoctorDto): Promise<Doctor> {
    return this.records.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List doctors by name' })
  @ApiOkResponse({ type: DoctorPage })
  @Roles('admin', 'staff', 'doctor', 'patient')
  async list(@Query() query: PageQuery): Promise<Page<Doctor>> {
    return this.records.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a doctor' })
  @Roles('admin', 'staff', 'doctor', 'patient')
  @ApiOkResponse({ type: Doctor })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<Doctor> {
    return this.records.get(id);
  }
}
