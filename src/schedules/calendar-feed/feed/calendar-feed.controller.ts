import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Actor } from '../../../shared/auth/actor';
import { AcceptsQueryToken, Roles } from '../../../shared/auth/roles.decorator';
import { ReadsFrom } from '../../../shared/http/read-your-writes';
import { SUBSCRIPTIONS } from '../../../subscription-registry';
import { CalendarFeedTokenGuard, FeedReader } from '../tokens/calendar-feed-token.guard';
import { CalendarFeedQuery } from './calendar-feed.dto';
import { GetCalendarFeed } from './calendar-feed.query';

@Controller('doctors')
@ApiTags('Doctors')
export class CalendarFeedController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/calendar.ics')
  @ApiOperation({
    summary: "Get a doctor's calendar feed (iCalendar) of upcoming appointments and time off, for calendar apps to subscribe to",
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The feed (RFC 5545)', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @Roles('admin', 'staff', 'doctor')
  @AcceptsQueryToken(CalendarFeedTokenGuard)
  @ReadsFrom(SUBSCRIPTIONS.appointmentDetails, SUBSCRIPTIONS.scheduleBlocks)
  async feed(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() _query: CalendarFeedQuery,
    @FeedReader() reader: Actor | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const calendar = await this.queryBus.execute(new GetCalendarFeed(id, reader));
    // The URL holds a secret: no shared cache keeps a copy.
    reply.header('Content-Type', 'text/calendar; charset=utf-8').header('Cache-Control', 'private, no-cache');
    return calendar;
  }
}
