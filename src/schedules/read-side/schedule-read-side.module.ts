import { Module } from '@nestjs/common';

/** The read side of schedules: the blocks as lists and the dashboard show them. */
@Module({})
export class ScheduleReadSideModule {}
