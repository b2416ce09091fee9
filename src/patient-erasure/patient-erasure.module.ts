import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ErasePatientController } from './erase-patient.controller';
import { ErasePatientHandler } from './erase-patient.handler';
import { DeadLettersScrubber } from './dead-letters.scrubber';
import { UpcomingAppointmentsCanceller } from './upcoming-appointments.canceller';

@Module({
  imports: [DiscoveryModule],
  controllers: [ErasePatientController],
  providers: [ErasePatientHandler, DeadLettersScrubber, UpcomingAppointmentsCanceller],
})
export class PatientErasureModule {}
