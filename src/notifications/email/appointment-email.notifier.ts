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
import { EntityManager } from 'typeorm';
import { DeliveredEvent } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { REDACTED } from '../../event-store/personal-data/personal-data-cipher';
import { StoredEvent } from '../../event-store/stored-event';
import { Appointment } from '../../appointments/domain/appointment.state';
import { ReferenceDirectory, referenceDirectory } from '../../appointments/reference-names';
import { AppointmentEmailFacts, composeAppointmentEmail, EmailKind } from './appointment-emails';
import { NewOutboxMessage } from './email-outbox';
import { parseMailbox } from './mail-identity';

export type NotifiedAppointmentEvent = AppointmentCreated | AppointmentRescheduled | AppointmentReassigned | AppointmentCancelled;

/** The appointment events the notifier tells of. */
export const NOTIFIED_APPOINTMENT_EVENTS = [AppointmentCreated, AppointmentRescheduled, AppointmentReassigned, AppointmentCancelled];

/**
 * Decides who is told about a booking, move, reassignment or cancellation: one outbox message
 * per (event, recipient, template). The patient hears of every change; a doctor of changes to
 * their own calendar (a doctor who loses an appointment gets a cancellation of it). An
 * occurrence of a series is the exception: its patient and the series' doctor hear of it
 * through the series' invitation (SeriesEmailNotifier), so only another doctor it was handed
 * to is told of it here, as of a single appointment.
 */
@Injectable()
export class AppointmentEmailNotifier {
  constructor(
    private readonly appointments: AppointmentStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The messages of a batch's appointment events. Everything it needs is read at once: the
   * states after its events, then the contacts. `seriesDoctorOf` names the doctor of a series
   * whose invitation is kept (undefined: none, its occurrences are told of as appointments).
   */
  async messagesFor(
    events: ReadonlyArray<DeliveredEvent<NotifiedAppointmentEvent>>,
    db: EntityManager,
    seriesDoctorOf: (seriesId: string) => string | undefined,
  ): Promise<NewOutboxMessage[]> {
    if (events.length === 0) return [];
    const states = await this.appointments.after(events);
    const previousDoctors = events.flatMap(({ event }) => (event.type === 'AppointmentReassigned' ? [event.data.previousDoctorId] : []));
    const directory = await referenceDirectory(db, events.map(({ event }) => event.data), previousDoctors);
    const messages: NewOutboxMessage[] = [];
    for (const { event, stored } of events) {
      const state = states.get(stored.eventId);
      if (!state) throw new Error(`No state folded after event ${stored.eventId}`);
      const covered = this.coveredBySeries(event, directory, seriesDoctorOf);
      for (const { kind, recipient, facts } of this.emailsFor(event, stored, state, directory)) {
        if (covered(recipient)) continue;
        messages.push({
          dedupeKey: `${stored.eventId}:${kind}:${recipient.role}:${recipient.email}`,
          appointmentId: event.data.appointmentId,
          patientId: event.data.patientId,
          correlationId: stored.metadata.correlationId,
          email: composeAppointmentEmail({ ...facts, kind, recipient }),
        });
      }
    }
    return messages;
  }

  /**
   * Whether a recipient hears of an occurrence's event through the series' invitation instead:
   * the patient and the series' doctor (an occurrence is created with the series' doctor, so
   * its creation is covered even before the series' invitation is folded).
   */
  private coveredBySeries(event: NotifiedAppointmentEvent, directory: ReferenceDirectory, seriesDoctorOf: (seriesId: string) => string | undefined) {
    const seriesId = event.data.seriesId;
    const doctorId = seriesId === undefined ? undefined : event.type === 'AppointmentCreated' ? event.data.doctorId : seriesDoctorOf(seriesId);
    if (doctorId === undefined) return () => false;
    const doctorEmail = directory.contact('doctor', doctorId)?.email;
    return (recipient: AppointmentEmailFacts['recipient']) => recipient.role === 'patient' || recipient.email === doctorEmail;
  }

  private emailsFor(event: NotifiedAppointmentEvent, stored: StoredEvent, state: Appointment, directory: ReferenceDirectory) {
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
      author: stored.metadata.actor,
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
