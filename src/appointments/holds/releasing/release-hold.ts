import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../command-execution/command-options';

/** Give a held slot back (DELETE /holds/:id); answers the position of HoldReleased. */
export class ReleaseHold extends Command<{ position: number }> {
  constructor(
    readonly holdId: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}
