import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Roles } from '../../shared/auth/roles.decorator';
import { Page, PageQuery } from '../../shared/http/page';
import { NEXT_CURSOR } from '../next-cursor.property';
import { ReferenceRecords } from '../reference-records';
import { CreateRoomDto } from './create-room.dto';
import { Room } from './room.entity';

/** A page of the room list, as the OpenAPI document shows it. */
export class RoomPage {
  @ApiProperty({ type: [Room] }) items: Room[];
  @ApiProperty(NEXT_CURSOR) nextCursor: string | null;
}

/** `/rooms`: admins create rooms, everyone with a token reads them. */
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
  async list(@Query() query: PageQuery): Promise<Page<Room>> {
    return this.records.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a room' })
  @Roles('admin', 'staff', 'doctor', 'patient')
  @ApiOkResponse({ type: Room })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<Room> {
    return this.records.get(id);
  }
}
