import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { SentCommand } from '../../appointments/command-execution/command-http';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { Roles } from '../../shared/auth/roles.decorator';
import { RecordNotFound } from '../../shared/application-errors';
import { ReadsFrom } from '../../shared/http/read-your-writes';
import { Context } from '../../shared/http/request-context.decorator';
import { RequestContext } from '../../shared/request-context';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { BlockResource, refuseIfMatch, respondCancelled, respondScheduled, TimeOffPage, TimeOffResource } from '../blocking/block-http';
import { BlockListQuery, ListScheduleBlocks } from '../blocking/list-schedule-blocks.query';
import { CancelTimeOff } from './cancel-time-off';
import { ScheduleTimeOff } from './schedule-time-off';
import { ScheduleTimeOffDto } from './time-off.dto';

/** Why a time off takes no If-Match: it has no version of its own. */
const TIME_OFF_HAS_NO_VERSION = "a time off is an event of its doctor's schedule, whose version every other time off and working-hours change moves";

@Controller('doctors')
@ApiTags('Doctors')
export class TimeOffController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post(':id/time-off')
  @ApiOperation({ summary: "Schedule a doctor's time off (409 with the appointments in the way, unless they are to be cancelled)" })
  @ApiCreatedResponse({ description: 'Scheduled', type: TimeOffResource })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key and body answer the first response again; another body is a 422, one still running a 409' })
  @Roles('admin')
  async schedule(
    @Param('id', ParseUUIDPipe) doctorId: string,
    @Body() body: ScheduleTimeOffDto,
    @SentCommand() options: CommandOptions,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BlockResource> {
    refuseIfMatch(ifMatch, TIME_OFF_HAS_NO_VERSION);
    const request = {
      doctorId,
      timeOffId: randomUUID(),
      start: body.start,
      end: body.end,
      reason: body.reason,
      cancelAppointments: body.cancelAppointments ?? false,
    };
    return respondScheduled(reply, await this.commandBus.execute(new ScheduleTimeOff(request, options)), { doctorId }, false);
  }

  @Get(':id/time-off')
  @ApiOperation({ summary: "List a doctor's time off overlapping a period, in start order" })
  @ApiOkResponse({ description: 'OK', type: TimeOffPage })
  @Roles('admin', 'staff', 'doctor')
  @ReadsFrom(SUBSCRIPTIONS.scheduleBlocks)
  async list(@Param('id', ParseUUIDPipe) doctorId: string, @Query() filter: BlockListQuery, @Context() context: RequestContext) {
    // A doctor sees their own time off only; another doctor's does not exist for them.
    if (context.actor.role === 'doctor' && context.actor.doctorId !== doctorId) throw new RecordNotFound('Doctor', doctorId);
    return this.queryBus.execute(new ListScheduleBlocks('time-off', { doctorId }, filter));
  }

  @Delete(':id/time-off/:timeOffId')
  @ApiParam({ name: 'timeOffId', type: String, format: 'uuid' })
  @ApiOperation({ summary: "Cancel a doctor's time off: its time can be booked again" })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key and body answer the first response again; another body is a 422, one still running a 409' })
  @Roles('admin')
  async cancel(
    @Param('id', ParseUUIDPipe) doctorId: string,
    @Param('timeOffId', ParseUUIDPipe) timeOffId: string,
    @SentCommand() options: CommandOptions,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    refuseIfMatch(ifMatch, TIME_OFF_HAS_NO_VERSION);
    respondCancelled(reply, await this.commandBus.execute(new CancelTimeOff(doctorId, timeOffId, options)));
  }
}
