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
import { CreateRoomDto } from './create-room.dto';
import { EditRoomDto } from './edit-room.dto';
import { Room } from './room.entity';

/** A page of the room list, as the OpenAPI document shows it. */
export class RoomPage {
  @ApiProperty({ type: [Room] }) items: Room[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

/** `/rooms`: admins create and edit rooms, everyone with a token reads them. */
@Controller('rooms')
@ApiTags('Rooms')
export class RoomController {
  private readonly records: ReferenceRecords<Room>;

  constructor(@InjectRepository(Room) repository: Repository<Room>) {
    this.records = new ReferenceRecords(repository, 'Room');
  }

  @Post()
  @ApiOperation({ summary: 'Create a room' })
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: Room })
  async create(@Body() body: CreateRoomDto): Promise<Room> {
    return this.records.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List rooms by name' })
  @ApiOkResponse({ type: RoomPage })
  @Roles('admin', 'staff', 'doctor', 'patient')
  async list(@Query() query: ReferenceListQuery, @Context() context: RequestContext): Promise<Page<Room>> {
    return this.records.list(query, context.actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a room' })
  @Roles('admin', 'staff', 'doctor', 'patient')
  @ApiRecordResponse(Room)
  async get(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Room> {
    return withETag(reply, await this.records.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit or retire a room' })
  @Roles('admin')
  @DocumentedEdit(Room)
  async edit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(SomeFieldPipe) body: EditRoomDto,
    @IfMatchVersions() ifMatch: number[] | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Room> {
    return withETag(reply, await this.records.edit(id, sentFields(body), ifMatch));
  }
}
