import { CommandHandling } from '../../event-store/command-handling';
import { Actor } from '../../shared/auth/actor';
import { Clock } from '../../shared/clock';
import { assertNotWaitlistOffer } from './domain/slot-hold.rules';
import { assertHolder } from './hold-access';
import { SLOT_HOLD_STREAM } from './slot-hold-stream';

/**
 * Before a holder ends a hold through the holds API (DELETE /holds/:id, POST /appointments with
 * holdId): the hold must be theirs (else it is not found) and not a waitlist offer still held
 * (409 hold-is-waitlist-offer: the offer is answered on its entry). Read before the command,
 * without the hold's lock: who holds a hold and which entry it is an offer to never change, and
 * an ending meanwhile is the command's to answer (gone).
 */
export async function assertHolderMayEnd(commands: CommandHandling, clock: Clock, actor: Actor, holdId: string): Promise<void> {
  const { state } = await commands.load(SLOT_HOLD_STREAM, holdId);
  assertHolder(actor, holdId, state);
  assertNotWaitlistOffer(state, clock.now());
}
