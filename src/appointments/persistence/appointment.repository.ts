import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommandHandling } from '../../event-store/command-handling';
import { EventStore } from '../../event-store/event-store';
import { SnapshotStore } from '../../event-store/snapshot-store';
import { replay } from '../domain/appointment.evolve';
import { APPOINTMENT_AGGREGATE_TYPE } from '../domain/appointment.events';
import { Appointment, APPOINTMENT_STATE_SCHEMA_VERSION, AppointmentState } from '../domain/appointment.state';
import { decodeAppointmentEvent } from './appointment-event.codec';
import { AppointmentStream } from './appointment-stream';

/** Which past state to rebuild: as of a stream version, or as of a point in time. */
export type PointInTime = { version: number } | { time: Date };

function streamOf(appointmentId: string) {
  return { aggregateId: appointmentId, aggregateType: APPOINTMENT_AGGREGATE_TYPE };
}

/**
 * Reads appointments from their event streams for the read side: the current state and a past
 * state (temporal reads). Commands load and append through the generic command handling (see
 * AppointmentStream); subscriptions share one fold (AppointmentStates).
 */
@Injectable()
export class AppointmentRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly snapshots: SnapshotStore,
    private readonly commands: CommandHandling,
    private readonly stream: AppointmentStream,
  ) {}

  /** The current state (latest snapshot plus newer events). */
  async load(appointmentId: string): Promise<AppointmentState> {
    return (await this.commands.load(this.stream, appointmentId)).state;
  }

  /** The state as it was at a version or a time; null if the appointment did not exist yet. */
  async loadAsOf(appointmentId: string, at: PointInTime): Promise<AppointmentState> {
    const version = 'version' in at ? at.version : await this.eventStore.versionAt(appointmentId, at.time);
    if (version === 0) return null;
    const snapshot = await this.snapshots.latest<Appointment>(streamOf(appointmentId), APPOINTMENT_STATE_SCHEMA_VERSION, version);
    const newer = await this.eventStore.readStream(appointmentId, { afterVersion: snapshot?.version, toVersion: version });
    // The id of another kind of stream (a hold, a series, a doctor's schedule) names no appointment.
    if (newer.some((stored) => stored.aggregateType !== APPOINTMENT_AGGREGATE_TYPE)) return null;
    return replay(newer.map((stored) => decodeAppointmentEvent(stored)), snapshot?.state ?? null);
  }

  /** Which of these patients have been erased (their personal-data key shredded). */
  async erasedPatients(patientIds: string[]): Promise<Set<string>> {
    if (patientIds.length === 0) return new Set();
    const rows: Array<{ subject_id: string }> = await this.dataSource.query(
      `select subject_id from personal_data_keys where subject_id = any($1::text[]) and key is null`,
      [patientIds],
    );
    return new Set(rows.map((row) => row.subject_id));
  }
}
