import { Module } from '@nestjs/common';
import { AppointmentsModule } from '../appointments/appointments.module';
import { ReservationsModule } from '../reservations/reservations.module';
import { AvailabilityModule } from '../schedules/availability/availability.module';
import { AcceptWaitlistOfferController } from './accepting/accept-offer.controller';
import { AcceptWaitlistOfferHandler } from './accepting/accept-offer.handler';
import { ClinicToday } from './clinic-today';
import { DeclineWaitlistOfferController } from './declining/decline-offer.controller';
import { DeclineWaitlistOfferHandler } from './declining/decline-offer.handler';
import { JoinWaitlistController } from './joining/join-waitlist.controller';
import { JoinWaitlistHandler } from './joining/join-waitlist.handler';
import { LeaveWaitlistController } from './leaving/leave-waitlist.controller';
import { LeaveWaitlistHandler } from './leaving/leave-waitlist.handler';
import { OfferCandidates } from './offering/offer-candidates';
import { WaitlistOffersProcess } from './offering/waitlist-offers.process';
import { WaitlistEntries } from './persistence/waitlist-entries';
import { GetWaitlistEntryController } from './reading/get-waitlist-entry.controller';
import { GetWaitlistEntryHandler } from './reading/get-waitlist-entry.handler';

/**
 * The waitlist: entries (join, read, accept, decline, leave) and the offer process manager that
 * offers freed time to them. The patient erasure takes an erased patient's entries off the list
 * with the LeaveWaitlist command.
 */
@Module({
  imports: [AppointmentsModule, AvailabilityModule, ReservationsModule],
  controllers: [JoinWaitlistController, GetWaitlistEntryController, AcceptWaitlistOfferController, DeclineWaitlistOfferController, LeaveWaitlistController],
  providers: [
    WaitlistEntries,
    ClinicToday,
    JoinWaitlistHandler,
    GetWaitlistEntryHandler,
    AcceptWaitlistOfferHandler,
    DeclineWaitlistOfferHandler,
    LeaveWaitlistHandler,
    OfferCandidates,
    WaitlistOffersProcess,
  ],
})
export class WaitlistModule {}
