import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AppointmentCancelled,
  AppointmentCreated,
  AppointmentReassigned,
  AppointmentRescheduled,
} from '../../appointments/domain/appointment.events';
import { AppointmentRepository } from '../../appointments/persistence/appointment.repository';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Delivery, DurableEventHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { AppointmentEmailFacts, composeAppointmentEmail, EmailKind } from './appointment-emails';
import { EmailOutbox } from './email-outbox';
import { parseMailbox } from './mail-identity';

type NotifiedEvent = AppointmentCreated | AppointmentRescheduled | AppointmentReassigned | AppointmentCancelled;

interface Person {
  name: string;
  email: string;
}

/**
 * Decides who is told about a booking, move, reassignment or cancellation, and writes one
 * outbox message per (event, recipient, template) in the subscription's transaction. The
 * patient hears of every change; a doctor of changes to their own calendar (a doctor who
 * loses an appointment gets a cancellation of it).
 */
@Injectable()
@DurableEventsHandler({
  name: 'email-notifications',
  events: [AppointmentCreated, AppointmentRescheduled, AppointmentReassigned, AppointmentCancelled],
  onFailure: 'park',
})
export class AppointmentEmailNotifier implements DurableEventHandler<NotifiedEvent> {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly appointments: AppointmentRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(event: NotifiedEvent, { db, stored }: Delivery): Promise<void> {
    const data = event.data;
    const state = await this.appointments.loadAsOf(data.appointmentId, { version: stored.version });
    // One connection (the delivery's transaction): one query at a time.
    const patient = await this.person(db, 'patients', data.patientId);
    const doctor = await this.doctor(db, data.doctorId);
    const room = await this.name(db, 'rooms', data.roomId);
    const type = await this.name(db, 'appointment_types', data.appointmentTypeId);
    const base = {
      appointmentId: data.appointmentId,
      version: stored.version,
      occurredAt: stored.occurredAt.toISOString(),
      start: data.start,
      end: data.end,
      timezone: doctor.timezone,
      doctorName: doctor.name,
      roomName: room,
      appointmentTypeName: type,
      title: state?.title ?? '',
      patientName: patient.name,
      clinic: parseMailbox(this.config.mailFrom),
    };
    const messages: Array<{ kind: EmailKind; recipient: AppointmentEmailFacts['recipient']; extra?: Partial<AppointmentEmailFacts> }> = [];
    const toPatient = { ...patient, role: 'patient' as const };
    const toDoctor = { name: doctor.name, email: doctor.email, role: 'doctor' as const };

    switch (event.type) {
      case 'AppointmentCreated':
        messages.push({ kind: 'booked', recipient: toPatient }, { kind: 'booked', recipient: toDoctor });
        break;
      case 'AppointmentRescheduled':
        for (const recipient of [toPatient, toDoctor]) messages.push({ kind: 'rescheduled', recipient, extra: { previousStart: event.data.previousStart } });
        break;
      case 'AppointmentReassigned': {
        const extra = { note: event.data.comment };
        messages.push({ kind: 'reassigned', recipient: toPatient, extra }, { kind: 'reassigned', recipient: toDoctor, extra });
        if (event.data.previousDoctorId !== event.data.doctorId) {
          const previous = await this.doctor(db, event.data.previousDoctorId);
          messages.push({
            kind: 'handed-over',
            recipient: { name: previous.name, email: previous.email, role: 'doctor' },
            extra: { ...extra, doctorName: previous.name, timezone: previous.timezone },
          });
        }
        break;
      }
      case 'AppointmentCancelled':
        for (const recipient of [toPatient, toDoctor]) messages.push({ kind: 'cancelled', recipient, extra: { note: event.data.reason } });
        break;
    }

    for (const { kind, recipient, extra } of messages) {
      const email = composeAppointmentEmail({ ...base, ...extra, kind, recipient });
      await this.outbox.add(db, `${stored.eventId}:${kind}:${recipient.role}:${recipient.email}`, data.appointmentId, stored.metadata.correlationId, email);
    }
  }

  private async person(db: EntityManager, table: 'patients', id: string): Promise<Person> {
    const [row] = await db.query(`select name, email from ${table} where id = $1`, [id]);
    if (!row) throw new Error(`No ${table} row ${id} to write to`);
    return row;
  }

  private async doctor(db: EntityManager, id: string): Promise<Person & { timezone: string }> {
    const [row] = await db.query(`select name, email, timezone from doctors where id = $1`, [id]);
    if (!row) throw new Error(`No doctor ${id} to write to`);
    return row;
  }

  private async name(db: EntityManager, table: 'rooms' | 'appointment_types', id: string): Promise<string> {
    const [row] = await db.query(`select name from ${table} where id = $1`, [id]);
    return row?.name ?? id;
  }
}
