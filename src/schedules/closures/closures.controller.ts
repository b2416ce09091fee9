import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { SentCommand } from '../../appointments/command-execution/command-http';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { BlockHistory } from '../../observability/api-schemas';
import { Roles } from '../../shared/auth/roles.decorator';
import { ReadsFrom } from '../../shared/http/read-your-writes';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { BlockResource, ClosurePage, ClosureResource, refuseIfMatch, respondCancelled, respondScheduled } from '../blocking/block-http';
import { GetBlockHistory } from '../blocking/get-block-history.query';
import { BlockListQuery, ListScheduleBlocks } from '../blocking/list-schedule-blocks.query';
import { CancelClosure } from './cancel-closure';
import { ScheduleClosureDto } from './closure.dto';
import { ScheduleClosure } from './schedule-closure';

@Controller('closures')
@ApiTags('Clinic closures')
export class ClosuresController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Close the clinic for a while (409 with the appointments in the way, unless they are to be cancelled)' })
  @ApiCreatedResponse({ description: 'Scheduled (ETag: the closure\'s version, for If-Match on its DELETE)', type: ClosureResource })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key and body answer the first response again; another body is a 422, one still running a 409' })
  @Roles('admin')
  async schedule(
    @Body() body: ScheduleClosureDto,
    @SentCommand() options: CommandOptions,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BlockResource> {
    refuseIfMatch(ifMatch, 'a new closure has no version to match (send If-Match with DELETE /closures/:id)');
    const request = { closureId: randomUUID(), start: body.start, end: body.end, reason: body.reason, cancelAppointments: body.cancelAppointments ?? false };
    return respondScheduled(reply, await this.commandBus.execute(new ScheduleClosure(request, options)), {}, true);
  }

  @Get()
  @ApiOperation({ summary: 'List the clinic closures overlapping a period, in start order' })
  @ApiOkResponse({ description: 'OK', type: ClosurePage })
  @Roles('admin', 'staff', 'doctor')
  @ReadsFrom(SUBSCRIPTIONS.scheduleBlocks)
  list(@Query() filter: BlockListQuery) {
    return this.queryBus.execute(new ListScheduleBlocks('closure', {}, filter));
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'List every change of a clinic closure, with actor and time' })
  @ApiOkResponse({ description: 'OK', type: BlockHistory })
  @Roles('admin', 'staff', 'doctor')
  history(@Param('id', ParseUUIDPipe) closureId: string) {
    return this.queryBus.execute(new GetBlockHistory({ kind: 'closure', closureId }));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Cancel a clinic closure: its time can be booked again' })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The closure\'s version (its ETag), e.g. "1"; a stale one is a 412' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key and body answer the first response again; another body is a 422, one still running a 409' })
  @Roles('admin')
  async cancel(@Param('id', ParseUUIDPipe) closureId: string, @SentCommand() options: CommandOptions, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    respondCancelled(reply, await this.commandBus.execute(new CancelClosure(closureId, options)));
  }
}
