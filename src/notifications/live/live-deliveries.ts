import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appointmentView } from '../../appointments/appointment-view';
import { APPOINTMENT_AGGREGATE_TYPE } from '../../appointments/domain/appointment.events';
import { decodeAppointmentEvent } from '../../appointments/persistence/appointment-event.codec';
import { AppointmentRepository, RecordedAppointmentEvent } from '../../appointments/persistence/appointment.repository';
import { referenceDirectory } from '../../appointments/reference-names';
import { EventStore } from '../../event-store/event-store';
import { CommitPoint } from '../../event-store/stored-event';
import { LiveDelivery } from './live-message';

/** Builds live messages from stored events: the appointment as it stood after each one. */
@Injectable()
export class LiveDeliveries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly appointments: AppointmentRepository,
    private readonly eventStore: EventStore,
  ) {}

  /** The messages of a batch of events, in its order; names are read once for the batch. */
  async of(recorded: ReadonlyArray<RecordedAppointmentEvent>): Promise<LiveDelivery[]> {
    if (recorded.length === 0) return [];
    const states = await this.appointments.statesAfter(recorded);
    const directory = await referenceDirectory(this.dataSource.manager, [...states.values()]);
    return recorded.map(({ event, stored }) => {
      const state = states.get(stored.eventId)!;
      const doctorIds = [event.data.doctorId];
      if (event.type === 'AppointmentReassigned' && event.data.previousDoctorId !== event.data.doctorId) doctorIds.push(event.data.previousDoctorId);
      return {
        message: {
          position: stored.position,
          eventType: event.type,
          appointment: appointmentView(state, directory.namesOf(state)),
          correlationId: stored.metadata.correlationId,
        },
        transactionId: stored.transactionId,
        doctorIds,
        patientId: event.data.patientId,
      };
    });
  }

  /** Everything committed after `since` up to `until`, in commit order: what a client missed. */
  async between(since: CommitPoint, until: CommitPoint): Promise<LiveDelivery[]> {
    const deliveries: LiveDelivery[] = [];
    let from = since;
    for (;;) {
      const batch = (await this.eventStore.readInCommitOrder(from, 500)).filter(
        (e) => BigInt(e.transactionId) < BigInt(until.transactionId) || (e.transactionId === until.transactionId && e.position <= until.position),
      );
      if (batch.length === 0) return deliveries;
      const appointments = batch.filter((stored) => stored.aggregateType === APPOINTMENT_AGGREGATE_TYPE);
      deliveries.push(...(await this.of(appointments.map((stored) => ({ event: decodeAppointmentEvent(stored), stored })))));
      from = { transactionId: batch[batch.length - 1].transactionId, position: batch[batch.length - 1].position };
    }
  }

  /** The commit point of the event at a position (where a resuming client left off). */
  async pointOf(position: number): Promise<CommitPoint | null> {
    const [row] = await this.eventStore.pointAt(position);
    return row ?? null;
  }
}
