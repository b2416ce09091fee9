import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../command-execution/command-options';
import { HoldRequest, PlacedHold } from '../slot-holds';

/** Hold a slot under a new hold id, for HOLD_TTL_SECONDS, while a patient finishes booking (POST /holds). */
export class PlaceHold extends Command<PlacedHold> {
  constructor(
    readonly holdId: string,
    readonly request: HoldRequest,
    readonly options: CommandOptions,
  ) {
    super();
  }
}
