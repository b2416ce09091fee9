import { Module } from '@nestjs/common';
import { BlockDescriptions } from './block-descriptions';
import { Reservations } from './reservations';

/** The one table of occupied time, shared by appointments, holds and schedule blocks. */
@Module({
  providers: [Reservations, BlockDescriptions],
  exports: [Reservations, BlockDescriptions],
})
export class ReservationsModule {}
