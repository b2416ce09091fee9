import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandHandling } from '../../../event-store/command-handling';
import { Clock } from '../../../shared/clock';
import { assertHolderMayEnd } from '../holder-ending';
import { SlotHolds } from '../slot-holds';
import { ReleaseHold } from './release-hold';

/**
 * The holder (or staff) releases a hold; who may is the service's rule, shared with the clinic's
 * own releases. A waitlist offer's hold is refused (409): the waitlist ends it (decline, leave).
 */
@CommandHandler(ReleaseHold)
export class ReleaseHoldHandler implements ICommandHandler<ReleaseHold> {
  constructor(
    private readonly holds: SlotHolds,
    private readonly commands: CommandHandling,
    private readonly clock: Clock,
  ) {}

  async execute({ holdId, options }: ReleaseHold) {
    await assertHolderMayEnd(this.commands, this.clock, options.context.actor, holdId);
    return this.holds.release(holdId, options);
  }
}
