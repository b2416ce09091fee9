import { Module } from '@nestjs/common';
import { ReservationsModule } from '../../reservations/reservations.module';
import { ScheduleStreamsModule } from '../persistence/schedule-streams.module';
import { ChangeWorkingHoursController } from './change-working-hours.controller';
import { ChangeWorkingHoursHandler } from './change-working-hours.handler';
import { GetScheduleHistoryHandler } from './get-schedule-history.handler';
import { ScheduleHistoryController } from './schedule-history.controller';

/** Working hours that change from a date, and the history of a doctor's schedule. */
@Module({
  imports: [ScheduleStreamsModule, ReservationsModule],
  controllers: [ChangeWorkingHoursController, ScheduleHistoryController],
  providers: [ChangeWorkingHoursHandler, GetScheduleHistoryHandler],
})
export class WorkingHoursModule {}
