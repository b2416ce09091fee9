import { Module } from '@nestjs/common';
import { AvailabilityModule } from './availability/availability.module';
import { ScheduleBlocksModule } from './blocking/schedule-blocks.module';
import { CalendarFeedModule } from './calendar-feed/calendar-feed.module';
import { ScheduleStreamsModule } from './persistence/schedule-streams.module';
import { ScheduleReadSideModule } from './read-side/schedule-read-side.module';
import { WorkingHoursModule } from './working-hours/working-hours.module';

/** Schedules that change: working hours, time off, clinic closures, room blocks, availability, calendar feeds. */
@Module({
  imports: [ScheduleStreamsModule, WorkingHoursModule, ScheduleBlocksModule, AvailabilityModule, CalendarFeedModule, ScheduleReadSideModule],
})
export class SchedulesModule {}
