import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SlotHolds } from '../slot-holds';
import { ReleaseHold } from './release-hold';

/** The holder (or staff) releases a hold; who may is the service's rule, shared with the clinic's own releases. */
@CommandHandler(ReleaseHold)
export class ReleaseHoldHandler implements ICommandHandler<ReleaseHold> {
  constructor(private readonly holds: SlotHolds) {}

  execute({ holdId, options }: ReleaseHold) {
    return this.holds.release(holdId, options);
  }
}
