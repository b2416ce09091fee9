import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentDetailsRow } from './details/appointment-details.columns';
import { Appointment } from './domain/appointment.state';
import { ReferenceNames, referenceNames } from './reference-names';

interface NamedRef {
  id: string;
  name: string | null;
}

/**
 * The appointment resource of the HTTP API and of the live messages: the appointment plus the
 * names a screen shows. `version` (the number of events in its stream) is also the resource's
 * ETag. It is built from two sources, both here so that the two cannot drift apart: from a
 * state (a command's response, a past state rebuilt from the events, a live message) and from a
 * row of the appointment-details read table (the queries).
 */
export interface AppointmentResource
  extends Pick<Appointment, 'id' | 'status' | 'doctorId' | 'patientId' | 'roomId' | 'appointmentTypeId' | 'start' | 'end' | 'title' | 'version'> {
  cancellationReason?: string;
  /** The recurring series the appointment is an occurrence of; absent when booked alone. */
  seriesId?: string;
  doctor: NamedRef;
  patient: NamedRef;
  room: NamedRef;
  appointmentType: NamedRef;
}

type ResourceFields = Pick<Appointment, 'id' | 'status' | 'doctorId' | 'patientId' | 'roomId' | 'appointmentTypeId' | 'start' | 'end' | 'title' | 'cancellationReason' | 'seriesId' | 'version'>;

/** The resource of a state whose reference names are known (a reason shows only once cancelled). */
export function appointmentResourceFromState(state: ResourceFields, names: ReferenceNames): AppointmentResource {
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
    ...(state.seriesId === undefined ? {} : { seriesId: state.seriesId }),
    doctor: { id: state.doctorId, name: names.doctor },
    patient: { id: state.patientId, name: names.patient },
    room: { id: state.roomId, name: names.room },
    appointmentType: { id: state.appointmentTypeId, name: names.appointmentType },
  };
}

/** The resource of a row of the details read table, which holds the names itself. */
export function appointmentResourceFromDetailsRow(row: AppointmentDetailsRow): AppointmentResource {
  return appointmentResourceFromState(
    { ...row, start: row.start.toISOString(), end: row.end.toISOString(), seriesId: row.seriesId ?? undefined },
    { doctor: row.doctorName, patient: row.patientName, room: row.roomName, appointmentType: row.appointmentTypeName },
  );
}

/** Builds the resource of a state, looking its names up in the reference tables. */
@Injectable()
export class AppointmentResources {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(state: Appointment, db: EntityManager = this.dataSource.manager): Promise<AppointmentResource> {
    return appointmentResourceFromState(state, await referenceNames(db, state));
  }
}
