import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecordNotFound } from '../../shared/application-errors';
import { blockOccupation } from '../blocking/block-occupation';
import { BlockScheduling, CancelledBlock } from '../blocking/block-scheduling';
import { DoctorScheduleStream } from '../persistence/schedule-streams';
import { CancelTimeOff, decideCancelTimeOff } from './cancel-time-off';

/** A time off cancelled on its doctor's schedule stream gives the doctor's time back to the reservations table. */
@CommandHandler(CancelTimeOff)
export class CancelTimeOffHandler implements ICommandHandler<CancelTimeOff> {
  constructor(
    private readonly blocks: BlockScheduling,
    private readonly stream: DoctorScheduleStream,
  ) {}

  execute({ doctorId, timeOffId, options }: CancelTimeOff): Promise<CancelledBlock> {
    return this.blocks.cancel(this.stream, {
      streamId: doctorId,
      options,
      decide: (state) => decideCancelTimeOff(doctorId, timeOffId, state),
      notFound: () => new RecordNotFound('Time off', timeOffId),
      released: ({ data }) => blockOccupation('time-off', data.timeOffId, { doctorId: data.doctorId }, data),
    });
  }
}
