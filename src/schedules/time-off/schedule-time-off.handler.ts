import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertOwnerExists } from '../blocking/block-owners';
import { BlockScheduling, ScheduledBlock } from '../blocking/block-scheduling';
import { DoctorScheduleStream } from '../persistence/schedule-streams';
import { decideTimeOff, ScheduleTimeOff } from './schedule-time-off';

/** A time off joins its doctor's schedule stream and holds the doctor in the reservations table. */
@CommandHandler(ScheduleTimeOff)
export class ScheduleTimeOffHandler implements ICommandHandler<ScheduleTimeOff> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly blocks: BlockScheduling,
    private readonly stream: DoctorScheduleStream,
  ) {}

  async execute({ request, options }: ScheduleTimeOff): Promise<ScheduledBlock> {
    await assertOwnerExists(this.dataSource.manager, { doctorId: request.doctorId });
    return this.blocks.schedule(this.stream, {
      streamId: request.doctorId,
      newStream: false,
      occupation: {
        id: request.timeOffId,
        kind: 'time-off',
        doctorId: request.doctorId,
        roomId: null,
        patientId: null,
        start: request.start,
        end: request.end,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
      },
      mayCancel: request.cancelAppointments,
      options,
      decide: (state, inTheWay, now) => decideTimeOff(request, state, inTheWay, now),
    });
  }
}
