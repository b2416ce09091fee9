import { Module } from '@nestjs/common';
import { ClinicClosureStream, DoctorScheduleStream, RoomBlockStream } from './schedule-streams';

/** The schedule streams for the generic command handling, shared by the schedule use cases. */
@Module({
  providers: [DoctorScheduleStream, ClinicClosureStream, RoomBlockStream],
  exports: [DoctorScheduleStream, ClinicClosureStream, RoomBlockStream],
})
export class ScheduleStreamsModule {}
