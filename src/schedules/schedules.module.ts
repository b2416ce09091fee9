import { Module } from '@nestjs/common';
import { AppointmentsModule } from '../appointments/appointments.module';
import { ReservationsModule } from '../reservations/reservations.module';
import { ClinicClosureStream, DoctorScheduleStream, RoomBlockStream } from './persistence/schedule-streams';

/** Schedules that change: working hours, time off, clinic closures, room blocks, availability, calendar feeds. */
@Module({
  imports: [ReservationsModule, AppointmentsModule],
  controllers: [],
  providers: [DoctorScheduleStream, ClinicClosureStream, RoomBlockStream],
  exports: [],
})
export class SchedulesModule {}
