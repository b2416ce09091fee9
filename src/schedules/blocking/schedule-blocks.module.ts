import { Module } from '@nestjs/common';

/** Time off, clinic closures and room blocks: blocks of time nobody may book. */
@Module({})
export class ScheduleBlocksModule {}
