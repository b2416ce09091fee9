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
import { decideDecline, DeclineWaitlistOffer } from './decline-offer';

/**
 * Declines an entry's open offer, in one transaction: WaitlistOfferDeclined (the entry waits
 * again, never to be offered that slot again) and the offer's hold released, whose HoldReleased
 * lets the offer process manager offer the slot to the next entry (a hold the clinic released
 * already is passed over). No open offer is a 409, an offer past its time a 410.
 */
@CommandHandler(DeclineWaitlistOffer)
export class DeclineWaitlistOfferHandler implements ICommandHandler<DeclineWaitlistOffer> {
  constructor(
    private readonly entries: WaitlistEntries,
    private readonly holds: SlotHolds,
    private readonly clinic: ClinicToday,
    private readonly clock: Clock,
  ) {}

  async execute({ entryId, options }: DeclineWaitlistOffer): Promise<WaitlistAnswer> {
    let declined: WaitlistOffer | undefined;
    const outcome = await this.entries.run({
      entryId,
      metadata: metadataOf(options),
      decide: (state) => {
        assertEntryVisible(options.context.actor, entryId, state);
        const event = decideDecline(state, entryId, this.clock.now());
        declined = event.data.offer;
        return [event];
      },
      also: (db) => releaseOfferHold(this.holds, (declined as WaitlistOffer).holdId, options, db),
    });
    return { resource: waitlistEntryResource(outcome.entry, outcome.version, await this.clinic.readingTime()), position: outcome.position };
  }
}
