import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { blockOccupation } from '../blocking/block-occupation';
import { BlockScheduling, ScheduledBlock } from '../blocking/block-scheduling';
import { ClinicClosureStream } from '../persistence/schedule-streams';
import { decideClosure, ScheduleClosure } from './schedule-closure';

/** A closure is a stream of its own and holds the whole clinic in the reservations table. */
@CommandHandler(ScheduleClosure)
export class ScheduleClosureHandler implements ICommandHandler<ScheduleClosure> {
  constructor(
    private readonly blocks: BlockScheduling,
    private readonly stream: ClinicClosureStream,
  ) {}

  execute({ request, options }: ScheduleClosure): Promise<ScheduledBlock> {
    return this.blocks.schedule(this.stream, {
      streamId: request.closureId,
      newStream: true,
      occupation: blockOccupation('closure', request.closureId, {}, request),
      mayCancel: request.cancelAppointments,
      options,
      decide: (state, inTheWay, now) => decideClosure(request, state, inTheWay, now),
    });
  }
}
