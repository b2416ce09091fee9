import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { openOffer } from '../accepting/accept-offer';
import { WaitlistEntryState } from '../domain/waitlist-entry.state';
import { WaitlistOfferDeclined } from '../domain/waitlist.events';
import { WaitlistAnswer } from '../waitlist-http';

/** Decline the open offer of an entry: its hold is released and the entry waits again. */
export class DeclineWaitlistOffer extends Command<WaitlistAnswer> {
  constructor(
    readonly entryId: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** Declining gives the slot back: the entry waits again, and that slot is never offered to it again. */
export function decideDecline(state: WaitlistEntryState, entryId: string, now: Date): WaitlistOfferDeclined {
  const { entry, offer } = openOffer(state, entryId, now);
  const { patientId, appointmentTypeId, from, to, doctorId } = entry;
  return new WaitlistOfferDeclined({ entryId, patientId, appointmentTypeId, from, to, doctorId, offer });
}
