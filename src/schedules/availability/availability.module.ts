import { Module } from '@nestjs/common';
import { AvailabilityReads } from './availability-reads';
import { GetAvailabilityController } from './get-availability.controller';
import { GetAvailabilityHandler } from './get-availability.handler';
import { GetClinicAvailabilityController } from './get-clinic-availability.controller';
import { GetClinicAvailabilityHandler } from './get-clinic-availability.handler';

/**
 * Free slots that honour working hours by date, blocks and holds: a doctor's, and across the
 * clinic. Its reads are exported for the waitlist's offers, which look for free slots in freed time.
 */
@Module({
  controllers: [GetAvailabilityController, GetClinicAvailabilityController],
  providers: [AvailabilityReads, GetAvailabilityHandler, GetClinicAvailabilityHandler],
  exports: [AvailabilityReads],
})
export class AvailabilityModule {}
