import { Injectable } from '@nestjs/common';
import { AppointmentViews } from '../../appointments/appointment-view';
import { AppointmentEvent } from '../../appointments/domain/appointment.events';
import { decodeAppointmentEvent } from '../../appointments/persistence/appointment-event.codec';
import { AppointmentRepository } from '../../appointments/persistence/appointment.repository';
import { EventStore } from '../../event-store/event-store';
import { CommitPoint, StoredEvent } from '../../event-store/stored-event';
import { LiveDelivery } from './live-message';

/** Builds live messages from stored events: the appointment as it stood after each one. */
@Injectable()
export class LiveDeliveries {
  constructor(
    private readonly appointments: AppointmentRepository,
    private readonly views: AppointmentViews,
    private readonly eventStore: EventStore,
  ) {}

  async of(event: AppointmentEvent, stored: StoredEvent): Promise<LiveDelivery | null> {
    const state = await this.appointments.loadAsOf(event.data.appointmentId, { version: stored.version });
    if (!state) return null;
    const doctorIds = [event.data.doctorId];
    if (event.type === 'AppointmentReassigned' && event.data.previousDoctorId !== event.data.doctorId) doctorIds.push(event.data.previousDoctorId);
    return {
      message: { position: stored.position, eventType: event.type, appointment: await this.views.of(state), correlationId: stored.metadata.correlationId },
      transactionId: stored.transactionId,
      doctorIds,
      patientId: event.data.patientId,
    };
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
      for (const stored of batch) {
        if (stored.aggregateType !== 'Appointment') continue;
        const delivery = await this.of(decodeAppointmentEvent(stored), stored);
        if (delivery) deliveries.push(delivery);
      }
      from = { transactionId: batch[batch.length - 1].transactionId, position: batch[batch.length - 1].position };
    }
  }

  /** The commit point of the event at a position (where a resuming client left off). */
  async pointOf(position: number): Promise<CommitPoint | null> {
    const [row] = await this.eventStore.pointAt(position);
    return row ?? null;
  }
}
