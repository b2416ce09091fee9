import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { blockOccupation } from '../blocking/block-occupation';
import { BlockScheduling, ScheduledBlock } from '../blocking/block-scheduling';
import { DoctorScheduleStream } from '../persistence/schedule-streams';
import { decideTimeOff, ScheduleTimeOff } from './schedule-time-off';

/** A time off joins its doctor's schedule stream and holds the doctor in the reservations table. */
@CommandHandler(ScheduleTimeOff)
export class ScheduleTimeOffHandler implements ICommandHandler<ScheduleTimeOff> {
  constructor(
    private readonly blocks: BlockScheduling,
    private readonly stream: DoctorScheduleStream,
  ) {}

  execute({ request, options }: ScheduleTimeOff): Promise<ScheduledBlock> {
    return this.blocks.schedule(this.stream, {
      streamId: request.doctorId,
      newStream: false,
      occupation: blockOccupation('time-off', request.timeOffId, { doctorId: request.doctorId }, request),
      mayCancel: request.cancelAppointments,
      options,
      decide: (state, inTheWay, now) => decideTimeOff(request, state, inTheWay, now),
    });
  }
}
