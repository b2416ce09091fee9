import { Module } from '@nestjs/common';

/** A doctor's calendar as an iCalendar feed, with revocable feed tokens. */
@Module({})
export class CalendarFeedModule {}
