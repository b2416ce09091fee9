import { Inject, Injectable } from '@nestjs/common';
import {
  AppointmentCancelled,
  AppointmentCreated,
  AppointmentReassigned,
  AppointmentRescheduled,
} from '../../appointments/domain/appointment.events';
import { AppointmentStates } from '../../appointments/appointment-states';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { BatchDelivery, DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { REDACTED } from '../../event-store/personal-data/personal-data-cipher';
import { StoredEvent } from '../../event-store/stored-event';
import { Appointment } from '../../appointments/domain/appointment.state';
import { ReferenceDirectory, referenceDirectory } from '../../appointments/reference-names';
import { AppointmentEmailFacts, composeAppointmentEmail, EmailKind } from './appointment-emails';
import { EmailOutbox, NewOutboxMessage } from './email-outbox';
import { parseMailbox } from './mail-identity';

type NotifiedEvent = AppointmentCreated | AppointmentRescheduled | AppointmentReassigned | AppointmentCancelled;

/**
 * Decides who is told about a booking, move, reassignment or cancellation, and writes one
 * outbox message per (event, recipient, template) in the subscription's transaction. The
 * patient hears of every change; a doctor of changes to their own calendar (a doctor who
 * loses an appointment gets a cancellation of it).
 */
@Injectable()
@DurableEventsHandler({ name: SUBSCRIPTIONS.emailNotifications, events: [AppointmentCreated, AppointmentRescheduled, AppointmentReassigned, AppointmentCancelled] })
export class AppointmentEmailNotifier implements DurableBatchHandler<NotifiedEvent> {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly appointments: AppointmentStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Everything a batch needs is read at once: the states after its events, then the contacts. */
  async handleBatch(events: ReadonlyArray<DeliveredEvent<NotifiedEvent>>, { db }: BatchDelivery): Promise<void> {
    const states = await this.appointments.after(events);
    const previousDoctors = events.flatMap(({ event }) => (event.type === 'AppointmentReassigned' ? [event.data.previousDoctorId] : []));
    const directory = await referenceDirectory(db, events.map(({ event }) => event.data), previousDoctors);
    const messages: NewOutboxMessage[] = [];
    for (const { event, stored } of events) {
      const state = states.get(stored.eventId);
      if (!state) throw new Error(`No state folded after event ${stored.eventId}`);
      for (const { kind, recipient, facts } of this.emailsFor(event, stored, state, directory)) {
        messages.push({
          dedupeKey: `${stored.eventId}:${kind}:${recipient.role}:${recipient.email}`,
          appointmentId: event.data.appointmentId,
          correlationId: stored.metadata.correlationId,
          email: composeAppointmentEmail({ ...facts, kind, recipient }),
        });
      }
    }
    await this.outbox.addAll(db, messages);
  }

  private emailsFor(event: NotifiedEvent, stored: StoredEvent, state: Appointment, directory: ReferenceDirectory) {
    const data = event.data;
    const doctor = directory.contact('doctor', data.doctorId);
    if (!doctor) throw new Error(`No doctor ${data.doctorId} to write to`);
    // A patient erased meanwhile is no longer written to, nor named.
    const patient = directory.contact('patient', data.patientId);
    const names = directory.namesOf(data);
    const base: Omit<AppointmentEmailFacts, 'kind' | 'recipient'> = {
      appointmentId: data.appointmentId,
      version: stored.version,
      occurredAt: stored.occurredAt.toISOString(),
      start: data.start,
      end: data.end,
      timezone: doctor.timezone ?? 'UTC',
      doctorName: doctor.name,
      roomName: names.room ?? data.roomId,
      appointmentTypeName: names.appointmentType ?? data.appointmentTypeId,
      title: state.title,
      patientName: patient?.name ?? REDACTED,
      clinic: parseMailbox(this.config.mailFrom),
    };
    const toPatient = patient ? [{ name: patient.name, email: patient.email, role: 'patient' as const }] : [];
    const toDoctor = { name: doctor.name, email: doctor.email, role: 'doctor' as const };
    const emails: Array<{ kind: EmailKind; recipient: AppointmentEmailFacts['recipient']; facts: Omit<AppointmentEmailFacts, 'kind' | 'recipient'> }> = [];
    const each = (kind: EmailKind, extra: Partial<AppointmentEmailFacts> = {}) => {
      for (const recipient of [...toPatient, toDoctor]) emails.push({ kind, recipient, facts: { ...base, ...extra } });
    };

    switch (event.type) {
      case 'AppointmentCreated':
        each('booked');
        break;
      case 'AppointmentRescheduled':
        each('rescheduled', { previousStart: event.data.previousStart });
        break;
      case 'AppointmentReassigned': {
        const extra = { note: event.data.comment };
        each('reassigned', extra);
        const previous = event.data.previousDoctorId !== event.data.doctorId ? directory.contact('doctor', event.data.previousDoctorId) : null;
        if (previous) {
          emails.push({
            kind: 'handed-over',
            recipient: { name: previous.name, email: previous.email, role: 'doctor' },
            facts: { ...base, ...extra, doctorName: previous.name, timezone: previous.timezone ?? 'UTC' },
          });
        }
        break;
      }
      case 'AppointmentCancelled':
        each('cancelled', { note: event.data.reason });
        break;
    }
    return emails;
  }
}
