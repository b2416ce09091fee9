import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { WaitlistEntryState } from '../domain/waitlist-entry.state';
import { WaitlistEntryClosed, WaitlistEntryNotFound } from '../domain/waitlist.errors';
import { WaitlistEntryCancelled } from '../domain/waitlist.events';
import { WaitlistAnswer } from '../waitlist-http';

/** Take an entry off the waitlist (DELETE /waitlist/:id). */
export class LeaveWaitlist extends Command<WaitlistAnswer> {
  constructor(
    readonly entryId: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** An entry still on the list (waiting or offered) is cancelled; an open offer's hold is released with it (by the handler). */
export function decideLeave(state: WaitlistEntryState, entryId: string): WaitlistEntryCancelled {
  if (state === null) throw new WaitlistEntryNotFound(entryId);
  if (state.status !== 'waiting' && state.status !== 'offered') throw new WaitlistEntryClosed(entryId, state.status);
  const { patientId, appointmentTypeId, from, to, doctorId } = state;
  return new WaitlistEntryCancelled({ entryId, patientId, appointmentTypeId, from, to, doctorId });
}
