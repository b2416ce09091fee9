import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecordNotFound } from '../../shared/application-errors';
import { blockOccupation } from '../blocking/block-occupation';
import { BlockScheduling, CancelledBlock } from '../blocking/block-scheduling';
import { RoomBlockStream } from '../persistence/schedule-streams';
import { CancelRoomBlock, decideCancelRoomBlock } from './cancel-room-block';

/** A room block cancelled on its own stream gives the room's time back to the reservations table. */
@CommandHandler(CancelRoomBlock)
export class CancelRoomBlockHandler implements ICommandHandler<CancelRoomBlock> {
  constructor(
    private readonly blocks: BlockScheduling,
    private readonly stream: RoomBlockStream,
  ) {}

  execute({ roomId, blockId, options }: CancelRoomBlock): Promise<CancelledBlock> {
    return this.blocks.cancel(this.stream, {
      streamId: blockId,
      options,
      decide: (state) => decideCancelRoomBlock(roomId, blockId, state),
      notFound: () => new RecordNotFound('Room block', blockId),
      released: ({ data }) => blockOccupation('room-block', data.blockId, { roomId: data.roomId }, data),
    });
  }
}
