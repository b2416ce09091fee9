import { Module } from '@nestjs/common';
import { ScheduleBlocksProjection } from './schedule-blocks.projection';

/**
 * The read side of schedules: the `schedule-blocks` projection keeps the time off, closures and
 * room blocks that the lists, the doctor's day, the calendar feed and the dashboard show.
 */
@Module({ providers: [ScheduleBlocksProjection] })
export class ScheduleReadSideModule {}
