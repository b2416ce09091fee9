import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandOutcome, metadataOf } from '../../appointments/command-execution/command-options';
import { SlotHolds } from '../../appointments/holds/slot-holds';
import { Clock } from '../../shared/clock';
import { WaitlistOffer } from '../domain/waitlist.events';
import { WaitlistEntries } from '../persistence/waitlist-entries';
import { assertEntryVisible } from '../waitlist-access';
import { AcceptWaitlistOffer, decideAccept } from './accept-offer';

/** The title of an appointment booked from a waitlist offer: the system's own words, no personal data. */
export const WAITLIST_BOOKING_TITLE = 'Booked from the waitlist';

/**
 * Accepts an entry's open offer, in one transaction: WaitlistEntryBooked on the entry's stream
 * (under its lock, so that the offer cannot expire, be declined or be cancelled meanwhile), then
 * the offer's hold converted into the appointment (HoldConverted and AppointmentCreated, the
 * slot moving from the hold's reservation to the appointment's). No open offer is a 409, an
 * offer past its time a 410; any failure writes nothing.
 */
@CommandHandler(AcceptWaitlistOffer)
export class AcceptWaitlistOfferHandler implements ICommandHandler<AcceptWaitlistOffer> {
  constructor(
    private readonly entries: WaitlistEntries,
    private readonly holds: SlotHolds,
    private readonly clock: Clock,
  ) {}

  async execute({ entryId, appointmentId, options }: AcceptWaitlistOffer): Promise<CommandOutcome> {
    let accepted: WaitlistOffer | undefined;
    const { also } = await this.entries.run<CommandOutcome>({
      entryId,
      metadata: metadataOf(options),
      decide: (state) => {
        assertEntryVisible(options.context.actor, entryId, state);
        const booked = decideAccept(state, entryId, appointmentId, this.clock.now());
        accepted = booked.data.offer;
        return [booked];
      },
      also: (db, entry) => {
        const offer = accepted as WaitlistOffer;
        const request = {
          appointmentTypeId: entry.appointmentTypeId,
          doctorId: offer.doctorId,
          patientId: entry.patientId,
          roomId: offer.roomId,
          start: new Date(offer.start),
          end: new Date(offer.end),
          title: WAITLIST_BOOKING_TITLE,
        };
        return this.holds.convert(offer.holdId, appointmentId, request, options, db);
      },
    });
    return also as CommandOutcome;
  }
}
