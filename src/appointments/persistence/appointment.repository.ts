import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../../event-store/command-handling';
import { EventStore } from '../../event-store/event-store';
import { SnapshotStore } from '../../event-store/snapshot-store';
import { StoredEvent } from '../../event-store/stored-event';
import { evolve, replay } from '../domain/appointment.evolve';
import { APPOINTMENT_AGGREGATE_TYPE, AppointmentEvent } from '../domain/appointment.events';
import { Appointment, APPOINTMENT_STATE_SCHEMA_VERSION, AppointmentState } from '../domain/appointment.state';
import { decodeAppointmentEvent } from './appointment-event.codec';
import { AppointmentStream } from './appointment-stream';

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
 * Reads appointments from their event streams for the read side: the current state, a past
 * state (temporal reads), and the state after each event of a subscription's batch. Commands
 * load and append through the generic command handling (see AppointmentStream).
 */
@Injectable()
export class AppointmentRepository {
  constructor(
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
}
