import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecordNotFound } from '../../shared/application-errors';
import { BlockScheduling, CancelledBlock } from '../blocking/block-scheduling';
import { DoctorScheduleStream } from '../persistence/schedule-streams';
import { CancelTimeOff, decideCancelTimeOff } from './cancel-time-off';

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
      released: ({ data }) => ({
        id: data.timeOffId,
        kind: 'time-off',
        doctorId: data.doctorId,
        roomId: null,
        patientId: null,
        start: data.start,
        end: data.end,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
      }),
    });
  }
}
