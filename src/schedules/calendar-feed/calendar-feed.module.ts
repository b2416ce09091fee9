import { Module } from '@nestjs/common';
import { CalendarFeedController } from './feed/calendar-feed.controller';
import { GetCalendarFeedHandler } from './feed/calendar-feed.handler';
import { CalendarFeedTokenGuard } from './tokens/calendar-feed-token.guard';
import { CalendarTokensController } from './tokens/calendar-tokens.controller';
import { IssueCalendarTokenHandler, ListCalendarTokensHandler, RevokeCalendarTokenHandler } from './tokens/calendar-tokens.handler';
import { CalendarTokenStore } from './tokens/calendar-tokens.store';

/** A doctor's calendar as an iCalendar feed, with revocable feed tokens. */
@Module({
  controllers: [CalendarTokensController, CalendarFeedController],
  providers: [CalendarTokenStore, CalendarFeedTokenGuard, GetCalendarFeedHandler, IssueCalendarTokenHandler, ListCalendarTokensHandler, RevokeCalendarTokenHandler],
})
export class CalendarFeedModule {}
