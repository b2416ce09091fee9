import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { blockOccupation } from '../blocking/block-occupation';
import { BlockScheduling, ScheduledBlock } from '../blocking/block-scheduling';
import { RoomBlockStream } from '../persistence/schedule-streams';
import { decideRoomBlock, ScheduleRoomBlock } from './schedule-room-block';

/** A room block is a stream of its own and holds its room in the reservations table. */
@CommandHandler(ScheduleRoomBlock)
export class ScheduleRoomBlockHandler implements ICommandHandler<ScheduleRoomBlock> {
  constructor(
    private readonly blocks: BlockScheduling,
    private readonly stream: RoomBlockStream,
  ) {}

  execute({ request, options }: ScheduleRoomBlock): Promise<ScheduledBlock> {
    return this.blocks.schedule(this.stream, {
      streamId: request.blockId,
      newStream: true,
      occupation: blockOccupation('room-block', request.blockId, { roomId: request.roomId }, request),
      mayCancel: request.cancelAppointments,
      options,
      decide: (state, inTheWay, now) => decideRoomBlock(request, state, inTheWay, now),
    });
  }
}
