import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ErasePatientController } from './erase-patient.controller';
import { ErasePatientHandler } from './erase-patient.handler';
import { DeadLettersScrubber } from './dead-letters.scrubber';

@Module({
  imports: [DiscoveryModule],
  controllers: [ErasePatientController],
  providers: [ErasePatientHandler, DeadLettersScrubber],
})
export class PatientErasureModule {}
