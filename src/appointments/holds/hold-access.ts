import { Actor } from '../../shared/auth/actor';
import { HoldNotFound } from './domain/slot-hold.errors';
import { SlotHold, SlotHoldState } from './domain/slot-hold.state';

/**
 * The hold a command acts on: it must exist and be the actor's, else it is not found. A patient
 * acts only on their own holds and a doctor only on holds with them; staff (and the clinic's
 * own processes: a block, a waitlist offer) on any.
 */
export function assertHolder(actor: Actor, holdId: string, state: SlotHoldState): asserts state is SlotHold {
  if (state === null) throw new HoldNotFound(holdId);
  const own = (actor.role !== 'patient' || actor.patientId === state.patientId) && (actor.role !== 'doctor' || actor.doctorId === state.doctorId);
  if (!own) throw new HoldNotFound(holdId);
}
