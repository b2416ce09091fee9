import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppointmentType } from './appointment-types/appointment-type.entity';
import { CreateAppointmentTypeDto } from './appointment-types/create-appointment-type.dto';
import { CreateDoctorDto } from './doctors/create-doctor.dto';
import { Doctor } from './doctors/doctor.entity';
import { CreatePatientDto } from './patients/create-patient.dto';
import { Patient } from './patients/patient.entity';
import { referenceDataController } from './reference-data.controller';
import { CreateRoomDto } from './rooms/create-room.dto';
import { Room } from './rooms/room.entity';

export const REFERENCE_DATA_ENTITIES = [Doctor, Patient, Room, AppointmentType];

@Module({
  imports: [TypeOrmModule.forFeature(REFERENCE_DATA_ENTITIES)],
  controllers: [
    referenceDataController({ path: 'doctors', label: 'Doctor', entity: Doctor, createDto: CreateDoctorDto, readRoles: ['admin', 'staff', 'doctor', 'patient'] }),
    referenceDataController({ path: 'patients', label: 'Patient', entity: Patient, createDto: CreatePatientDto, readRoles: ['admin', 'staff', 'doctor'] }),
    referenceDataController({ path: 'rooms', label: 'Room', entity: Room, createDto: CreateRoomDto, readRoles: ['admin', 'staff', 'doctor', 'patient'] }),
    referenceDataController({
      path: 'appointment-types',
      label: 'Appointment type',
      entity: AppointmentType,
      createDto: CreateAppointmentTypeDto,
      readRoles: ['admin', 'staff', 'doctor', 'patient'],
    }),
  ],
  exports: [TypeOrmModule],
})
export class ReferenceDataModule {}
