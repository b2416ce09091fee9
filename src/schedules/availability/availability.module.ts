import { Module } from '@nestjs/common';

/** Free slots that honour working hours by date, blocks and holds. */
@Module({})
export class AvailabilityModule {}
