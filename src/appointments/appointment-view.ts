import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Appointment } from './domain/appointment.state';
import { ReferenceNames, referenceNames } from './reference-names';

interface NamedRef {
  id: string;
  name: string | null;
}

/**
 * The appointment resource of the HTTP API: the state plus the names a screen shows.
 * `version` (the number of events in its stream) is also the resource's ETag.
 */
export interface AppointmentView
  extends Pick<Appointment, 'id' | 'status' | 'doctorId' | 'patientId' | 'roomId' | 'appointmentTypeId' | 'start' | 'end' | 'title' | 'version'> {
  cancellationReason?: string;
  doctor: NamedRef;
  patient: NamedRef;
  room: NamedRef;
  appointmentType: NamedRef;
}

/** Builds appointment views from states, looking the names up in the reference tables. */
@Injectable()
export class AppointmentViews {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(state: Appointment, db: EntityManager = this.dataSource.manager): Promise<AppointmentView> {
    return appointmentView(state, await referenceNames(db, state));
  }
}

/** The view of a state whose reference names are known. */
export function appointmentView(state: Appointment, names: ReferenceNames): AppointmentView {
  return {
      id: state.id,
      status: state.status,
      doctorId: state.doctorId,
      patientId: state.patientId,
      roomId: state.roomId,
      appointmentTypeId: state.appointmentTypeId,
      start: state.start,
      end: state.end,
      title: state.title,
      version: state.version,
      ...(state.status === 'cancelled' && state.cancellationReason !== null ? { cancellationReason: state.cancellationReason } : {}),
      doctor: { id: state.doctorId, name: names.doctor },
      patient: { id: state.patientId, name: names.patient },
      room: { id: state.roomId, name: names.room },
      appointmentType: { id: state.appointmentTypeId, name: names.appointmentType },
  };
}
