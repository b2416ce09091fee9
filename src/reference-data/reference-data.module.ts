import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppointmentTypeController } from './appointment-types/appointment-type.controller';
import { AppointmentType } from './appointment-types/appointment-type.entity';
import { DoctorController } from './doctors/doctor.controller';
import { Doctor } from './doctors/doctor.entity';
import { PatientController } from './patients/patient.controller';
import { Patient } from './patients/patient.entity';
import { RoomController } from './rooms/room.controller';
import { Room } from './rooms/room.entity';

export const REFERENCE_DATA_ENTITIES = [Doctor, Patient, Room, AppointmentType];

@Module({
  imports: [TypeOrmModule.forFeature(REFERENCE_DATA_ENTITIES)],
  // In this order in the OpenAPI document.
  controllers: [DoctorController, PatientController, RoomController, AppointmentTypeController],
  exports: [TypeOrmModule],
})
export class ReferenceDataModule {}
