import { Injectable } from '@nestjs/common';
import { StoredEvent } from '../event-store/stored-event';
import { evolve } from './domain/appointment.evolve';
import { AppointmentEvent } from './domain/appointment.events';
import { Appointment, AppointmentState } from './domain/appointment.state';
import { decodeAppointmentEvent } from './persistence/appointment-event.codec';
import { AppointmentRepository } from './persistence/appointment.repository';

/** A stored appointment event in its current schema, with its place in the log. */
export interface RecordedAppointmentEvent {
  event: AppointmentEvent;
  stored: StoredEvent;
}

/**
 * How many states after an event are kept. Subscriptions of one instance read the same events
 * within moments of each other (a batch window apart), so a few batches' worth is enough.
 */
const REMEMBERED_STATES = 5_000;

/**
 * The one fold of appointment states for the subscriptions: the appointment as it stood after
 * each event of a batch. The state after an event is the same for every subscription (events
 * are immutable and the fold is pure), so it is computed once per instance and shared: the
 * details projection, the email notifier and the live publisher ask here, and only a state no
 * one has folded yet costs a read of its stream.
 */
@Injectable()
export class AppointmentStates {
  /** States after an event, by event id, oldest first (a Map keeps insertion order). */
  private readonly remembered = new Map<string, Appointment>();

  constructor(private readonly repository: AppointmentRepository) {}

  /** A stored appointment event in its current schema. */
  decode(stored: StoredEvent): RecordedAppointmentEvent {
    return { event: decodeAppointmentEvent(stored), stored };
  }

  /** Keeps a state a subscription folded itself (from its own read row), for the others. */
  remember(eventId: string, state: Appointment): void {
    this.remembered.delete(eventId);
    this.remembered.set(eventId, state);
    if (this.remembered.size > REMEMBERED_STATES) this.remembered.delete(this.remembered.keys().next().value as string);
  }

  /**
   * The appointment after each of `recorded` (a batch, in commit order), keyed by event id. A
   * stream is read, as of just before its first event whose state nobody folded, only when the
   * batch does not start it; then it is folded through the batch.
   */
  async after(recorded: ReadonlyArray<RecordedAppointmentEvent>): Promise<Map<string, Appointment>> {
    const states = new Map<string, Appointment>();
    const current = new Map<string, { state: AppointmentState; version: number }>();
    // A state remembered before its patient was erased may still show their free text: an
    // erased patient's states are folded again from the log, which reads them redacted.
    const erased = await this.repository.erasedPatients([...new Set(recorded.map(({ event }) => event.data.patientId))]);
    for (const { event, stored } of recorded) {
      const id = event.data.appointmentId;
      const known = erased.has(event.data.patientId) ? undefined : this.remembered.get(stored.eventId);
      if (known) {
        states.set(stored.eventId, known);
        current.set(id, { state: known, version: stored.version });
        continue;
      }
      let at = current.get(id);
      if (!at || at.version !== stored.version - 1) {
        const state = stored.version === 1 ? null : await this.repository.loadAsOf(id, { version: stored.version - 1 });
        at = { state, version: stored.version - 1 };
      }
      const after = evolve(at.state, event);
      current.set(id, { state: after, version: stored.version });
      states.set(stored.eventId, after);
      this.remember(stored.eventId, after);
    }
    return states;
  }
}
