import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { BlockTerms, decideBlock, Occupant } from '../domain/block-rules';
import { RoomBlockScheduled } from '../domain/schedule.events';
import { RoomBlockState } from '../domain/schedule.state';
import { ScheduledBlock } from '../blocking/block-scheduling';

export interface RoomBlockRequest extends BlockTerms {
  roomId: string;
  blockId: string;
}

/** Take a room out of service for a while (maintenance, cleaning, a broken device). */
export class ScheduleRoomBlock extends Command<ScheduledBlock> {
  constructor(
    readonly request: RoomBlockRequest,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/**
 * A room block follows the rules of every block (see decideBlock); the room's other blocks and
 * its booked appointments are what can be in its way.
 */
export function decideRoomBlock(request: RoomBlockRequest, _state: RoomBlockState, inTheWay: readonly Occupant[], now: Date): RoomBlockScheduled {
  return new RoomBlockScheduled({ blockId: request.blockId, roomId: request.roomId, ...decideBlock('room block', request, inTheWay, now) });
}
