import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertOwnerExists } from '../blocking/block-owners';
import { BlockScheduling, ScheduledBlock } from '../blocking/block-scheduling';
import { RoomBlockStream } from '../persistence/schedule-streams';
import { decideRoomBlock, ScheduleRoomBlock } from './schedule-room-block';

/** A room block is a stream of its own and holds its room in the reservations table. */
@CommandHandler(ScheduleRoomBlock)
export class ScheduleRoomBlockHandler implements ICommandHandler<ScheduleRoomBlock> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly blocks: BlockScheduling,
    private readonly stream: RoomBlockStream,
  ) {}

  async execute({ request, options }: ScheduleRoomBlock): Promise<ScheduledBlock> {
    await assertOwnerExists(this.dataSource.manager, { roomId: request.roomId });
    return this.blocks.schedule(this.stream, {
      streamId: request.blockId,
      newStream: true,
      occupation: {
        id: request.blockId,
        kind: 'room-block',
        doctorId: null,
        roomId: request.roomId,
        patientId: null,
        start: request.start,
        end: request.end,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
      },
      mayCancel: request.cancelAppointments,
      options,
      decide: (state, inTheWay, now) => decideRoomBlock(request, state, inTheWay, now),
    });
  }
}
