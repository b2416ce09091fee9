import { Module } from '@nestjs/common';
import { AppointmentsModule } from '../../appointments/appointments.module';
import { ReservationsModule } from '../../reservations/reservations.module';
import { CancelClosureHandler } from '../closures/cancel-closure.handler';
import { ClosuresController } from '../closures/closures.controller';
import { ScheduleClosureHandler } from '../closures/schedule-closure.handler';
import { ScheduleStreamsModule } from '../persistence/schedule-streams.module';
import { CancelRoomBlockHandler } from '../room-blocks/cancel-room-block.handler';
import { RoomBlocksController } from '../room-blocks/room-blocks.controller';
import { ScheduleRoomBlockHandler } from '../room-blocks/schedule-room-block.handler';
import { CancelTimeOffHandler } from '../time-off/cancel-time-off.handler';
import { ScheduleTimeOffHandler } from '../time-off/schedule-time-off.handler';
import { TimeOffController } from '../time-off/time-off.controller';
import { BlockScheduling } from './block-scheduling';
import { GetBlockHistoryHandler } from './get-block-history.handler';
import { ListScheduleBlocksHandler } from './list-schedule-blocks.handler';

/** Time off, clinic closures and room blocks: blocks of time nobody may book. */
@Module({
  imports: [AppointmentsModule, ReservationsModule, ScheduleStreamsModule],
  controllers: [TimeOffController, ClosuresController, RoomBlocksController],
  providers: [
    BlockScheduling,
    ScheduleTimeOffHandler,
    CancelTimeOffHandler,
    ScheduleClosureHandler,
    CancelClosureHandler,
    ScheduleRoomBlockHandler,
    CancelRoomBlockHandler,
    ListScheduleBlocksHandler,
    GetBlockHistoryHandler,
  ],
})
export class ScheduleBlocksModule {}
