import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CommandHandling } from '../../../event-store/command-handling';
import { Clock } from '../../../shared/clock';
import { assertHolder } from '../hold-access';
import { SLOT_HOLD_STREAM } from '../slot-hold-stream';
import { HoldResource, holdResourceAt } from '../hold-resource';
import { GetHold } from './get-hold.query';

/**
 * Read from the hold's stream (not a read table): what it answers is what a conversion would
 * find, on the same clock: a hold whose time has run out shows `expired` before its timer has
 * fired. Another's hold, or none, is not found.
 */
@QueryHandler(GetHold)
export class GetHoldHandler implements IQueryHandler<GetHold> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly clock: Clock,
  ) {}

  async execute({ holdId, actor }: GetHold): Promise<HoldResource> {
    const { state } = await this.commands.load(SLOT_HOLD_STREAM, holdId);
    assertHolder(actor, holdId, state);
    return holdResourceAt(state, this.clock.now());
  }
}
