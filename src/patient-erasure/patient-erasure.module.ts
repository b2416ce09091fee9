import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppointmentsModule } from '../appointments/appointments.module';
import { ErasePatientController } from './erase-patient.controller';
import { ErasePatientHandler } from './erase-patient.handler';
import { DeadLettersScrubber } from './dead-letters.scrubber';
import { UpcomingAppointmentsCanceller } from './upcoming-appointments.canceller';
import { WaitlistAndHoldsCanceller } from './waitlist-and-holds.canceller';

@Module({
  imports: [DiscoveryModule, AppointmentsModule],
  controllers: [ErasePatientController],
  providers: [ErasePatientHandler, DeadLettersScrubber, UpcomingAppointmentsCanceller, WaitlistAndHoldsCanceller],
})
export class PatientErasureModule {}
