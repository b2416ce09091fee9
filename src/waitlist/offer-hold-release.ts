import { EntityManager } from 'typeorm';
import { CommandOptions } from '../appointments/command-execution/command-options';
import { HoldGone } from '../appointments/holds/domain/slot-hold.errors';
import { SlotHolds } from '../appointments/holds/slot-holds';

/**
 * Gives an offer's hold back on behalf of its entry (a decline, a leave), in the entry's
 * transaction. A hold that has ended already (the clinic released it for a block in its way, or
 * its time ran out) holds nothing any more: the entry's command goes on without it, and the
 * offer process manager, reacting to that ending, finds the entry moved on.
 */
export async function releaseOfferHold(holds: SlotHolds, holdId: string, options: CommandOptions, db: EntityManager): Promise<void> {
  try {
    await holds.release(holdId, options, db);
  } catch (error) {
    if (!(error instanceof HoldGone)) throw error;
  }
}
