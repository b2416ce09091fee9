import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { FastifyReply } from 'fastify';
import { Repository } from 'typeorm';
import { Roles } from '../../shared/auth/roles.decorator';
import { Clock } from '../../shared/clock';
import { Page } from '../../shared/http/page';
import { Context } from '../../shared/http/request-context.decorator';
import { RequestContext } from '../../shared/request-context';
import { ApiRecordResponse, DocumentedEdit, IfMatchVersions, sentFields, SomeFieldPipe, withETag } from '../editing';
import { NEXT_CURSOR } from '../next-cursor.property';
import { ReferenceListQuery, ReferenceRecords } from '../reference-records';
import { CreateDoctorDto } from './create-doctor.dto';
import { DoctorRecord, withHoursInForce } from './doctor-record';
import { Doctor } from './doctor.entity';
import { EditDoctorDto } from './edit-doctor.dto';

/** A page of the doctor list, as the OpenAPI document shows it. */
export class DoctorPage {
  @ApiProperty({ type: [DoctorRecord] }) items: DoctorRecord[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

/** `/doctors`: admins create and edit doctors, everyone with a token reads them. */
@Controller('doctors')
@ApiTags('Doctors')
export class DoctorController {
  private readonly records: ReferenceRecords<Doctor>;

  constructor(
    @InjectRepository(Doctor) private readonly repository: Repository<Doctor>,
    private readonly clock: Clock,
  ) {
    this.records = new ReferenceRecords(repository, 'Doctor');
  }

  @Post()
  @ApiOperation({ summary: 'Create a doctor' })
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: DoctorRecord })
  async create(@Body() body: CreateDoctorDto): Promise<DoctorRecord> {
    return this.shown(await this.records.create(body));
  }

  @Get()
  @ApiOperation({ summary: 'List doctors by name' })
  @ApiOkResponse({ type: DoctorPage })
  @Roles('admin', 'staff', 'doctor', 'patient')
  async list(@Query() query: ReferenceListQuery, @Context() context: RequestContext): Promise<Page<DoctorRecord>> {
    const page = await this.records.list(query, context.actor);
    return { items: await withHoursInForce(this.repository.manager, page.items, this.clock.now()), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a doctor, with the working hours in force today and those planned' })
  @Roles('admin', 'staff', 'doctor', 'patient')
  @ApiRecordResponse(DoctorRecord)
  async get(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<DoctorRecord> {
    return withETag(reply, await this.shown(await this.records.get(id)));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit or retire a doctor (working hours change through PUT /doctors/{id}/working-hours)' })
  @Roles('admin')
  @DocumentedEdit(DoctorRecord)
  async edit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(SomeFieldPipe) body: EditDoctorDto,
    @IfMatchVersions() ifMatch: number[] | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DoctorRecord> {
    return withETag(reply, await this.shown(await this.records.edit(id, sentFields(body), ifMatch)));
  }

  private async shown(doctor: Doctor): Promise<DoctorRecord> {
    const [record] = await withHoursInForce(this.repository.manager, [doctor], this.clock.now());
    return record;
  }
}
