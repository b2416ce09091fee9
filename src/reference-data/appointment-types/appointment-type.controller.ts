import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Roles } from '../../shared/auth/roles.decorator';
import { Page, PageQuery } from '../../shared/http/page';
import { NEXT_CURSOR } from '../next-cursor.property';
import { ReferenceRecords } from '../reference-records';
import { AppointmentType } from './appointment-type.entity';
import { CreateAppointmentTypeDto } from './create-appointment-type.dto';

/** A page of the appointment type list, as the OpenAPI document shows it. */
export class AppointmentTypePage {
  @ApiProperty({ type: [AppointmentType] }) items: AppointmentType[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

/** `/appointment-types`: admins create appointment types, everyone with a token reads them. */
@Controller('appointment-types')
@ApiTags('Appointment types')
export class AppointmentTypeController {
  private readonly records: ReferenceRecords<AppointmentType>;

  constructor(@InjectRepository(AppointmentType) repository: Repository<AppointmentType>) {
    this.records = new ReferenceRecords(repository, 'Appointment type');
  }

  @Post()
  @ApiOperation({ summary: 'Create an appointment type' })
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: AppointmentType })
  async create(@Body() body: CreateAppointmentTypeDto): Promise<AppointmentType> {
    return this.records.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List appointment types by name' })
  @ApiOkResponse({ type: AppointmentTypePage })
  @Roles('admin', 'staff', 'doctor', 'patient')
  async list(@Query() query: PageQuery): Promise<Page<AppointmentType>> {
    return this.records.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an appointment type' })
  @Roles('admin', 'staff', 'doctor', 'patient')
  @ApiOkResponse({ type: AppointmentType })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<AppointmentType> {
    return this.records.get(id);
  }
}
