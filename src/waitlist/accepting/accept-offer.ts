import { Command } from '@nestjs/cqrs';
import { CommandOptions, CommandOutcome } from '../../appointments/command-execution/command-options';
import { WaitlistEntry, WaitlistEntryState } from '../domain/waitlist-entry.state';
import { NoOpenOffer, OfferExpired, WaitlistEntryNotFound } from '../domain/waitlist.errors';
import { WaitlistEntryBooked, WaitlistOffer } from '../domain/waitlist.events';

/** Accept the open offer of an entry: its hold becomes the appointment with the id given. */
export class AcceptWaitlistOffer extends Command<CommandOutcome> {
  constructor(
    readonly entryId: string,
    readonly appointmentId: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** The open offer of an entry that can still be answered at `now`: offered, and not past its `expiresAt`. */
export function openOffer(state: WaitlistEntryState, entryId: string, now: Date): { entry: WaitlistEntry; offer: WaitlistOffer } {
  if (state === null) throw new WaitlistEntryNotFound(entryId);
  if (state.status !== 'offered' || state.offer === null) throw new NoOpenOffer(entryId, state.status);
  if (Date.parse(state.offer.expiresAt) <= now.getTime()) throw new OfferExpired(entryId, state.offer.expiresAt);
  return { entry: state, offer: state.offer };
}

/** Accepting books the offered slot: the entry is `booked`, with the appointment its hold is converted into. */
export function decideAccept(state: WaitlistEntryState, entryId: string, appointmentId: string, now: Date): WaitlistEntryBooked {
  const { entry, offer } = openOffer(state, entryId, now);
  const { patientId, appointmentTypeId, from, to, doctorId } = entry;
  return new WaitlistEntryBooked({ entryId, patientId, appointmentTypeId, from, to, doctorId, offer, appointmentId });
}
