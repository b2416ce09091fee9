import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appointmentResourceFromState } from '../../appointments/appointment-resource';
import { AppointmentStates, RecordedAppointmentEvent } from '../../appointments/appointment-states';
import { referenceDirectory } from '../../appointments/reference-names';
import { HOLD_EVENTS, HoldEvent } from '../../appointments/domain/hold.events';
import { EventStore } from '../../event-store/event-store';
import { DeliveredEvent } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { CommitPoint, StoredEvent } from '../../event-store/stored-event';
import { isScheduleEventType, ScheduleEvent } from '../../schedules/domain/schedule.events';
import { decodeScheduleEvent } from '../../schedules/persistence/schedule-event.codec';
import { Actor } from '../../shared/auth/actor';
import { WAITLIST_EVENTS, WaitlistEvent } from '../../waitlist/domain/waitlist.events';
import { holdDeliveries } from './live-hold-deliveries';
import { LiveScheduleDeliveries } from './live-schedule-deliveries';
import { commitOrder, commitPointOf, LiveDelivery } from './live-message';
import { waitlistDeliveries } from './live-waitlist-deliveries';
import { MissedEvent, missedEvents, seesEveryChange } from './missed-events';

/** An event of the log the live updates carry: an appointment's, a schedule's, a hold's or a waitlist entry's. */
export type RecordedLiveEvent = RecordedAppointmentEvent | DeliveredEvent<ScheduleEvent> | DeliveredEvent<HoldEvent> | DeliveredEvent<WaitlistEvent>;

function isScheduleChange(recorded: RecordedLiveEvent): recorded is DeliveredEvent<ScheduleEvent> {
  return isScheduleEventType(recorded.stored.type);
}

function isHoldChange(recorded: RecordedLiveEvent): recorded is DeliveredEvent<HoldEvent> {
  return HOLD_EVENTS.has(recorded.stored.type);
}

function isWaitlistChange(recorded: RecordedLiveEvent): recorded is DeliveredEvent<WaitlistEvent> {
  return WAITLIST_EVENTS.has(recorded.stored.type);
}

function isAppointmentChange(recorded: RecordedLiveEvent): recorded is RecordedAppointmentEvent {
  return !isScheduleChange(recorded) && !isHoldChange(recorded) && !isWaitlistChange(recorded);
}

/**
 * Builds live messages from stored events: the appointment as it stood after each appointment
 * event, the block or working hours after each schedule event, the hold or waitlist entry
 * after each of theirs.
 */
@Injectable()
export class LiveDeliveries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly appointments: AppointmentStates,
    private readonly schedules: LiveScheduleDeliveries,
    private readonly eventStore: EventStore,
  ) {}

  /** The messages of a batch of events, in its (commit) order. */
  async of(recorded: ReadonlyArray<RecordedLiveEvent>): Promise<LiveDelivery[]> {
    const deliveries = [
      ...(await this.ofAppointments(recorded.filter(isAppointmentChange))),
      ...(await this.schedules.of(recorded.filter(isScheduleChange))),
      ...holdDeliveries(recorded.filter(isHoldChange)),
      ...waitlistDeliveries(recorded.filter(isWaitlistChange)),
    ];
    return deliveries.sort((a, b) => commitOrder(commitPointOf(a), commitPointOf(b)));
  }

  /** The messages of appointment events, in their order; names are read once for the batch. */
  private async ofAppointments(recorded: readonly RecordedAppointmentEvent[]): Promise<LiveDelivery[]> {
    if (recorded.length === 0) return [];
    const states = await this.appointments.after(recorded);
    const directory = await referenceDirectory(this.dataSource.manager, [...states.values()]);
    return recorded.map(({ event, stored }) => {
      const state = states.get(stored.eventId);
      if (!state) throw new Error(`No state folded after event ${stored.eventId}`);
      const doctorIds = [event.data.doctorId];
      if (event.type === 'AppointmentReassigned' && event.data.previousDoctorId !== event.data.doctorId) doctorIds.push(event.data.previousDoctorId);
      return {
        channel: 'appointment',
        message: {
          position: stored.position,
          eventType: event.type,
          appointment: appointmentResourceFromState(state, directory.namesOf(state)),
          correlationId: stored.metadata.correlationId,
        },
        transactionId: stored.transactionId,
        doctors: doctorIds,
        patientId: event.data.patientId,
      };
    });
  }

  /**
   * The events `actor` missed after `from` up to `until`, in commit order; null when there are
   * more than `limit` (the client has to reload instead). Only their places are read here.
   */
  async missedBy(actor: Actor, from: CommitPoint, until: CommitPoint, limit: number): Promise<MissedEvent[] | null> {
    const missed = await missedEvents(this.dataSource.manager, actor, from, until, limit + 1);
    return missed.length > limit ? null : missed;
  }

  /** The messages of missed events (after `from`), `pageSize` events at a time, in commit order. */
  async *messagesOf(actor: Actor, from: CommitPoint, missed: readonly MissedEvent[], pageSize: number): AsyncGenerator<LiveDelivery[]> {
    let after = from;
    for (let start = 0; start < missed.length; start += pageSize) {
      const page = missed.slice(start, start + pageSize);
      // Staff missed a stretch of the whole log: read it in commit order. A doctor or patient
      // missed a few events here and there: read them from their streams.
      const stored = seesEveryChange(actor) ? await this.readStretch(after, page, pageSize) : await this.readFromStreams(page);
      yield this.of(stored.map((s) => this.decode(s)));
      after = page[page.length - 1];
    }
  }

  /** A stored event the live updates carry, decoded by its family. */
  private decode(stored: StoredEvent): RecordedLiveEvent {
    if (isScheduleEventType(stored.type)) return { event: decodeScheduleEvent(stored), stored };
    if (HOLD_EVENTS.has(stored.type)) return { event: HOLD_EVENTS.decode(stored), stored };
    if (WAITLIST_EVENTS.has(stored.type)) return { event: WAITLIST_EVENTS.decode(stored), stored };
    return this.appointments.decode(stored);
  }

  /** The commit point of the event at a position (where a resuming client left off). */
  async pointOf(position: number): Promise<CommitPoint | null> {
    return (await this.eventStore.pointAt(position)).at(0) ?? null;
  }

  /** The events of `page` read in commit order from `after`, `readSize` at a time, the log's other events left out. */
  private async readStretch(after: CommitPoint, page: readonly MissedEvent[], readSize: number): Promise<StoredEvent[]> {
    const wanted = new Set(page.map((missed) => missed.position));
    const last = page[page.length - 1];
    const found: StoredEvent[] = [];
    for (let from = after; ; ) {
      const batch = await this.eventStore.readInCommitOrder(from, readSize);
      found.push(...batch.filter((stored) => wanted.has(stored.position)));
      if (batch.length < readSize || commitOrder(batch[batch.length - 1], last) >= 0) return found;
      from = batch[batch.length - 1];
    }
  }

  /** The events of `page`, one read per stream (its versions in the page), in commit order. */
  private async readFromStreams(page: readonly MissedEvent[]): Promise<StoredEvent[]> {
    const versions = new Map<string, { first: number; last: number }>();
    for (const { aggregateId, version } of page) {
      const range = versions.get(aggregateId);
      versions.set(aggregateId, range ? { first: Math.min(range.first, version), last: Math.max(range.last, version) } : { first: version, last: version });
    }
    const wanted = new Set(page.map((missed) => missed.position));
    const found: StoredEvent[] = [];
    for (const [aggregateId, { first, last }] of versions) {
      const stream = await this.eventStore.readStream(aggregateId, { afterVersion: first - 1, toVersion: last });
      found.push(...stream.filter((stored) => wanted.has(stored.position)));
    }
    return found.sort(commitOrder);
  }
}
