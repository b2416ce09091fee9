import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { EventStore } from '../../event-store/event-store';
import { SnapshotStore } from '../../event-store/snapshot-store';
import { AppendResult, EventMetadata, StoredEvent } from '../../event-store/stored-event';
import { evolve, replay } from '../domain/appointment.decider';
import { APPOINTMENT_AGGREGATE_TYPE, APPOINTMENT_EVENT_CLASSES, AppointmentEvent } from '../domain/appointment.events';
import { Appointment, APPOINTMENT_STATE_SCHEMA_VERSION, AppointmentState } from '../domain/appointment.state';
import { decodeAppointmentEvent } from './appointment-event.codec';

/** A stored appointment event in its current schema, with its place in the log. */
export interface RecordedAppointmentEvent {
  event: AppointmentEvent;
  stored: StoredEvent;
}

/** Which past state to rebuild: as of a stream version, or as of a point in time. */
export type PointInTime = { version: number } | { time: Date };

function streamOf(appointmentId: string) {
  return { aggregateId: appointmentId, aggregateType: APPOINTMENT_AGGREGATE_TYPE };
}

/**
 * Loads appointments from their event streams (latest snapshot plus newer events) and appends
 * new events, taking a snapshot every SNAPSHOT_EVERY events.
 */
@Injectable()
export class AppointmentRepository {
  constructor(
    private readonly eventStore: EventStore,
    private readonly snapshots: SnapshotStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The current state; inside a command pass its transaction, so every read uses its connection. */
  async load(appointmentId: string, db?: EntityManager): Promise<AppointmentState> {
    const snapshot = await this.snapshots.latest<Appointment>(streamOf(appointmentId), APPOINTMENT_STATE_SCHEMA_VERSION, undefined, db);
    const newer = await this.eventStore.readStream(appointmentId, { afterVersion: snapshot?.version }, db);
    return replay(newer.map((stored) => decodeAppointmentEvent(stored)), snapshot?.state ?? null);
  }

  /** The state as it was at a version or a time; null if the appointment did not exist yet. */
  async loadAsOf(appointmentId: string, at: PointInTime): Promise<AppointmentState> {
    const version = 'version' in at ? at.version : await this.eventStore.versionAt(appointmentId, at.time);
    if (version === 0) return null;
    const snapshot = await this.snapshots.latest<Appointment>(streamOf(appointmentId), APPOINTMENT_STATE_SCHEMA_VERSION, version);
    const newer = await this.eventStore.readStream(appointmentId, { afterVersion: snapshot?.version, toVersion: version });
    return replay(newer.map((stored) => decodeAppointmentEvent(stored)), snapshot?.state ?? null);
  }

  /**
   * The appointment as it stood after each of `recorded` (events of a subscription batch, in
   * commit order), keyed by event id. Each stream is loaded once, as of just before its first
   * event in the batch, then folded through the batch; a stream that starts in the batch needs
   * no read at all.
   */
  async statesAfter(recorded: ReadonlyArray<RecordedAppointmentEvent>): Promise<Map<string, Appointment>> {
    const states = new Map<string, Appointment>();
    const current = new Map<string, { state: AppointmentState; version: number }>();
    for (const { event, stored } of recorded) {
      const id = event.data.appointmentId;
      let at = current.get(id);
      if (!at || at.version !== stored.version - 1) {
        const state = stored.version === 1 ? null : await this.loadAsOf(id, { version: stored.version - 1 });
        at = { state, version: stored.version - 1 };
      }
      const after = evolve(at.state, event);
      current.set(id, { state: after, version: stored.version });
      states.set(stored.eventId, after);
    }
    return states;
  }

  /** Every event of the stream, oldest first, in the current schema. */
  async history(appointmentId: string): Promise<RecordedAppointmentEvent[]> {
    const stored = await this.eventStore.readStream(appointmentId);
    return stored.map((s) => ({ event: decodeAppointmentEvent(s), stored: s }));
  }

  /**
   * Appends the decided events to a stream that must still be at `before`'s version. The state
   * after is replayed from the events as stored, so that it never shows free text the store
   * redacted (a patient erased meanwhile).
   */
  async append(
    db: EntityManager,
    appointmentId: string,
    before: AppointmentState,
    events: AppointmentEvent[],
    metadata: EventMetadata,
  ): Promise<{ result: AppendResult; after: Appointment }> {
    const result = await this.eventStore.append(
      db,
      streamOf(appointmentId),
      before?.version ?? 0,
      events.map((event) => ({
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: APPOINTMENT_EVENT_CLASSES[event.type].schemaVersion,
        data: event.data,
      })),
      metadata,
    );
    const after = replay(result.events.map((stored) => decodeAppointmentEvent(stored)), before) as Appointment;
    const every = this.config.snapshotEvery;
    if (Math.floor((before?.version ?? 0) / every) !== Math.floor(after.version / every)) {
      await this.snapshots.save(db, streamOf(appointmentId), after.version, APPOINTMENT_STATE_SCHEMA_VERSION, after);
    }
    return { result, after };
  }
}
