import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { SentCommand } from '../../appointments/command-execution/command-http';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { BlockHistory } from '../../observability/api-schemas';
import { Roles } from '../../shared/auth/roles.decorator';
import { ReadsFrom } from '../../shared/http/read-your-writes';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { BlockResource, refuseIfMatch, respondCancelled, respondScheduled, RoomBlockPage, RoomBlockResource } from '../blocking/block-http';
import { GetBlockHistory } from '../blocking/get-block-history.query';
import { BlockListQuery, ListScheduleBlocks } from '../blocking/list-schedule-blocks.query';
import { CancelRoomBlock } from './cancel-room-block';
import { ScheduleRoomBlockDto } from './room-block.dto';
import { ScheduleRoomBlock } from './schedule-room-block';

@Controller('rooms')
@ApiTags('Rooms')
export class RoomBlocksController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post(':id/blocks')
  @ApiOperation({ summary: 'Take a room out of service for a while (409 with the appointments in the way, unless they are to be cancelled)' })
  @ApiCreatedResponse({ description: 'Scheduled (ETag: the block\'s version, for If-Match on its DELETE)', type: RoomBlockResource })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key and body answer the first response again; another body is a 422, one still running a 409' })
  @Roles('admin')
  async schedule(
    @Param('id', ParseUUIDPipe) roomId: string,
    @Body() body: ScheduleRoomBlockDto,
    @SentCommand() options: CommandOptions,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BlockResource> {
    refuseIfMatch(ifMatch, 'a new room block has no version to match (send If-Match with DELETE /rooms/:id/blocks/:blockId)');
    const request = { roomId, blockId: randomUUID(), start: body.start, end: body.end, reason: body.reason, cancelAppointments: body.cancelAppointments ?? false };
    return respondScheduled(reply, await this.commandBus.execute(new ScheduleRoomBlock(request, options)), { roomId }, true);
  }

  @Get(':id/blocks')
  @ApiOperation({ summary: "List a room's blocks overlapping a period, in start order" })
  @ApiOkResponse({ description: 'OK', type: RoomBlockPage })
  @Roles('admin', 'staff')
  @ReadsFrom(SUBSCRIPTIONS.scheduleBlocks)
  list(@Param('id', ParseUUIDPipe) roomId: string, @Query() filter: BlockListQuery) {
    return this.queryBus.execute(new ListScheduleBlocks('room-block', { roomId }, filter));
  }

  @Get(':id/blocks/:blockId/history')
  @ApiParam({ name: 'blockId', type: String, format: 'uuid' })
  @ApiOperation({ summary: 'List every change of a room block, with actor and time' })
  @ApiOkResponse({ description: 'OK', type: BlockHistory })
  @Roles('admin', 'staff')
  history(@Param('id', ParseUUIDPipe) roomId: string, @Param('blockId', ParseUUIDPipe) blockId: string) {
    return this.queryBus.execute(new GetBlockHistory({ kind: 'room-block', roomId, blockId }));
  }

  @Delete(':id/blocks/:blockId')
  @ApiParam({ name: 'blockId', type: String, format: 'uuid' })
  @ApiOperation({ summary: 'Cancel a room block: the room can be booked again in its time' })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The block\'s version (its ETag), e.g. "1"; a stale one is a 412' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key and body answer the first response again; another body is a 422, one still running a 409' })
  @Roles('admin')
  async cancel(
    @Param('id', ParseUUIDPipe) roomId: string,
    @Param('blockId', ParseUUIDPipe) blockId: string,
    @SentCommand() options: CommandOptions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    respondCancelled(reply, await this.commandBus.execute(new CancelRoomBlock(roomId, blockId, options)));
  }
}
