import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { metadataOf } from '../../appointments/command-execution/command-options';
import { SlotHolds } from '../../appointments/holds/slot-holds';
import { Clock } from '../../shared/clock';
import { ClinicToday } from '../clinic-today';
import { WaitlistOffer } from '../domain/waitlist.events';
import { releaseOfferHold } from '../offer-hold-release';
import { WaitlistEntries } from '../persistence/waitlist-entries';
import { assertEntryVisible } from '../waitlist-access';
import { waitlistEntryResource } from '../waitlist-entry-resource';
import { WaitlistAnswer } from '../waitlist-http';
import { decideLeave, LeaveWaitlist } from './leave-waitlist';

/**
 * Takes an entry off the list, in one transaction: WaitlistEntryCancelled and, when it had an
 * open offer still within its time, the offer's hold released (so the slot goes to the next
 * entry). An offer past its time is left to its hold's timer, which releases it in any case; a
 * hold that has ended already (the clinic released it) is passed over.
 */
@CommandHandler(LeaveWaitlist)
export class LeaveWaitlistHandler implements ICommandHandler<LeaveWaitlist> {
  constructor(
    private readonly entries: WaitlistEntries,
    private readonly holds: SlotHolds,
    private readonly clinic: ClinicToday,
    private readonly clock: Clock,
  ) {}

  async execute({ entryId, options }: LeaveWaitlist): Promise<WaitlistAnswer> {
    let openOffer: WaitlistOffer | null = null;
    const outcome = await this.entries.run({
      entryId,
      metadata: metadataOf(options),
      decide: (state) => {
        assertEntryVisible(options.context.actor, entryId, state);
        const cancelled = decideLeave(state, entryId);
        openOffer = state.offer !== null && Date.parse(state.offer.expiresAt) > this.clock.now().getTime() ? state.offer : null;
        return [cancelled];
      },
      also: async (db) => {
        if (openOffer) await releaseOfferHold(this.holds, openOffer.holdId, options, db);
      },
    });
    return { resource: waitlistEntryResource(outcome.entry, outcome.version, await this.clinic.readingTime()), position: outcome.position };
  }
}
