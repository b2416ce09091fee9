import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { RecordNotFound } from '../../shared/application-errors';
import { RoomBlockCancelled } from '../domain/schedule.events';
import { RoomBlockState } from '../domain/schedule.state';
import { CancelledBlock } from '../blocking/block-scheduling';

/** Put a room back into service in a block's time. */
export class CancelRoomBlock extends Command<CancelledBlock> {
  constructor(
    readonly roomId: string,
    readonly blockId: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** Only a block of this room that still holds time can be cancelled; any other is not found. */
export function decideCancelRoomBlock(roomId: string, blockId: string, state: RoomBlockState): RoomBlockCancelled {
  if (!state || state.cancelled || state.roomId !== roomId) throw new RecordNotFound('Room block', blockId);
  return new RoomBlockCancelled({ blockId, roomId, start: state.start, end: state.end });
}
