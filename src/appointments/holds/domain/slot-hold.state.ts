import { HoldFacts } from '../../domain/hold.events';

/**
 * Where a hold stands: `held` while it occupies its slot; then, for good, `converted` into an
 * appointment, `released` before its time, or `expired` by its timer.
 */
export type HoldStatus = 'held' | 'converted' | 'released' | 'expired';

/** A slot hold as its stream folds: its facts, its status and the appointment it became. */
export interface SlotHold extends HoldFacts {
  status: HoldStatus;
  /** The appointment it was converted into; null until then. */
  appointmentId: string | null;
}

/** Null before SlotHeld: no hold of that id. */
export type SlotHoldState = SlotHold | null;

/**
 * The status a hold shows at `now`: one still `held` whose time has run out is `expired`, as a
 * conversion would find it (assertStillHeld), even before its timer has fired.
 */
export function statusAt(hold: SlotHold, now: Date): HoldStatus {
  return hold.status === 'held' && now.getTime() >= Date.parse(hold.expiresAt) ? 'expired' : hold.status;
}
