import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecordNotFound } from '../../shared/application-errors';
import { BlockScheduling, CancelledBlock } from '../blocking/block-scheduling';
import { RoomBlockStream } from '../persistence/schedule-streams';
import { CancelRoomBlock, decideCancelRoomBlock } from './cancel-room-block';

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
      released: ({ data }) => ({
        id: data.blockId,
        kind: 'room-block',
        doctorId: null,
        roomId: data.roomId,
        patientId: null,
        start: data.start,
        end: data.end,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
      }),
    });
  }
}
