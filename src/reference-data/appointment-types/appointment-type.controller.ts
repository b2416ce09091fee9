import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { FastifyReply } from 'fastify';
import { Repository } from 'typeorm';
import { Roles } from '../../shared/auth/roles.decorator';
import { Page } from '../../shared/http/page';
import { Context } from '../../shared/http/request-context.decorator';
import { RequestContext } from '../../shared/request-context';
import { ApiRecordResponse, DocumentedEdit, IfMatchVersions, sentFields, SomeFieldPipe, withETag } from '../editing';
import { NEXT_CURSOR } from '../next-cursor.property';
import { ReferenceListQuery, ReferenceRecords } from '../reference-records';
import { AppointmentType } from './appointment-type.entity';
import { CreateAppointmentTypeDto } from './create-appointment-type.dto';
import { EditAppointmentTypeDto } from './edit-appointment-type.dto';

/** A page of the appointment type list, as the OpenAPI document shows it. */
export class AppointmentTypePage {
  @ApiProperty({ type: [AppointmentType] }) items: AppointmentType[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

/** `/appointment-types`: admins create and edit appointment types, everyone with a token reads them. */
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
  async list(@Query() query: ReferenceListQuery, @Context() context: RequestContext): Promise<Page<AppointmentType>> {
    return this.records.list(query, context.actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an appointment type' })
  @Roles('admin', 'staff', 'doctor', 'patient')
  @ApiRecordResponse(AppointmentType)
  async get(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<AppointmentType> {
    return withETag(reply, await this.records.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit or retire an appointment type' })
  @Roles('admin')
  @DocumentedEdit(AppointmentType)
  async edit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(SomeFieldPipe) body: EditAppointmentTypeDto,
    @IfMatchVersions() ifMatch: number[] | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AppointmentType> {
    return withETag(reply, await this.records.edit(id, sentFields(body), ifMatch));
  }
}
