import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppointmentCancelled, AppointmentReassigned, AppointmentRescheduled } from '../../appointments/domain/appointment.events';
import { ReferenceIds, referenceDirectory } from '../../appointments/reference-names';
import { AppointmentSeriesCancelled, SERIES_EVENTS, SeriesEvent } from '../../appointments/domain/series.events';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { EventStore } from '../../event-store/event-store';
import { REDACTED } from '../../event-store/personal-data/personal-data-cipher';
import { StoredEvent } from '../../event-store/stored-event';
import { DeliveredEvent } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { NewOutboxMessage } from './email-outbox';
import { parseMailbox } from './mail-identity';
import { composeSeriesEmail, seriesEmailKind } from './series-emails';
import { afterOccurrenceChanged, afterSeriesCancelled, invitationOfBookedSeries, OccurrenceEvent, SeriesChange, SeriesInvitation } from './series-invitation';
import { isFoldedIn, KeptInvitation, seriesInvitations } from './series-invitations';

/** The events a series' invitation follows: the series' own, and the changes of its occurrences. */
export type SeriesNotifiedEvent = SeriesEvent | OccurrenceEvent;

export const SERIES_NOTIFIED_EVENTS = [...SERIES_EVENTS.eventClasses, AppointmentRescheduled, AppointmentReassigned, AppointmentCancelled];

/** An invitation to send: the series after a change, and the event that made it. */
interface InvitationUpdate {
  invitation: SeriesInvitation;
  change: SeriesChange;
  stored: StoredEvent;
  /** The appointment the message is about: the occurrence changed, else the first. */
  appointmentId: string;
}

export interface SeriesMessages {
  messages: NewOutboxMessage[];
  /** The doctor of each series whose invitation is kept, for the appointment notifier. */
  seriesDoctorOf: (seriesId: string) => string | undefined;
}

/**
 * One invitation per appointment series, to its patient and its doctor: sent when the series
 * is booked (its occurrences' own bookings send none), updated with a higher SEQUENCE when an
 * occurrence is moved, reassigned or cancelled alone, and once more when the series is
 * cancelled (METHOD:CANCEL, or the rule ended early). The occurrences' cancellations that a
 * series cancellation appended in its transaction are told of by that one update, not one by
 * one. Each series' invitation is kept in series_invitations, in the subscription's transaction.
 */
@Injectable()
export class SeriesEmailNotifier {
  constructor(
    private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async messagesFor(events: ReadonlyArray<DeliveredEvent<SeriesNotifiedEvent>>, db: EntityManager): Promise<SeriesMessages> {
    const seriesIds = [...new Set(events.flatMap(({ event }) => (event.data.seriesId === undefined ? [] : [event.data.seriesId])))];
    const invitations = await seriesInvitations.load(db, seriesIds);
    const seriesDoctorOf = (seriesId: string) => invitations.get(seriesId)?.invitation.doctorId;
    if (seriesIds.length === 0) return { messages: [], seriesDoctorOf };

    const partOfSeriesCancellation = await this.seriesCancellationTransactions(events, db);
    const updates: InvitationUpdate[] = [];
    const titles = new Map<string, string>();
    for (const { event, stored } of events) {
      const update = this.fold(event, stored, invitations, partOfSeriesCancellation);
      if (!update) continue;
      invitations.set(update.invitation.seriesId, { invitation: update.invitation, foldedThrough: { transactionId: stored.transactionId, position: stored.position } });
      updates.push(update);
      if (event.type === 'AppointmentSeriesBooked') titles.set(event.data.seriesId, event.data.title);
    }
    if (updates.length === 0) return { messages: [], seriesDoctorOf };
    await seriesInvitations.save(db, [...new Set(updates.map(({ invitation }) => invitation.seriesId))].map((id) => invitations.get(id) as KeptInvitation));
    return { messages: await this.compose(updates, titles, db), seriesDoctorOf };
  }

  /**
   * The invitation after one event, or null when the event changes no kept invitation (or is
   * folded into it already: delivered again).
   */
  private fold(event: SeriesNotifiedEvent, stored: StoredEvent, invitations: Map<string, KeptInvitation>, partOfSeriesCancellation: ReadonlySet<string>): InvitationUpdate | null {
    const seriesId = event.data.seriesId;
    const kept = seriesId === undefined ? undefined : invitations.get(seriesId);
    if (kept && isFoldedIn(stored, kept.foldedThrough)) return null;
    if (event.type === 'AppointmentSeriesBooked') {
      if (kept) return null;
      const invitation = invitationOfBookedSeries(event.data);
      return { invitation, change: { kind: 'booked' }, stored, appointmentId: invitation.occurrences[0].appointmentId };
    }
    const invitation = kept?.invitation;
    if (!invitation) return null;
    if (event.type === 'AppointmentSeriesCancelled') {
      return { ...afterSeriesCancelled(invitation, event.data), stored, appointmentId: invitation.occurrences[0].appointmentId };
    }
    if (event.type === 'AppointmentCancelled' && partOfSeriesCancellation.has(stored.transactionId)) return null;
    const after = afterOccurrenceChanged(invitation, event);
    return after && { ...after, stored, appointmentId: event.data.appointmentId };
  }

  /**
   * The transactions of the batch's occurrence cancellations that also cancelled their series:
   * looked up in the log, since a batch may hold only part of a transaction.
   */
  private async seriesCancellationTransactions(events: ReadonlyArray<DeliveredEvent<SeriesNotifiedEvent>>, db: EntityManager): Promise<Set<string>> {
    const transactions = [
      ...new Set(events.flatMap(({ event, stored }) => (event.type === 'AppointmentCancelled' && event.data.seriesId !== undefined ? [stored.transactionId] : []))),
    ];
    if (transactions.length === 0) return new Set();
    const rows: Array<{ transaction_id: string }> = await db.query(
      `select distinct transaction_id::text as transaction_id from events where transaction_id = any($1::xid8[]) and event_type = $2`,
      [transactions, AppointmentSeriesCancelled.type],
    );
    return new Set(rows.map((row) => row.transaction_id));
  }

  /** What each series is about, from its first event (opened, or redacted once the patient is erased). */
  private async titlesOf(seriesIds: readonly string[], known: Map<string, string>, db: EntityManager): Promise<Map<string, string>> {
    for (const seriesId of seriesIds.filter((id) => !known.has(id))) {
      const [first] = await this.eventStore.readStream(seriesId, { toVersion: 1 }, db);
      const event = SERIES_EVENTS.decode(first);
      known.set(seriesId, event.type === 'AppointmentSeriesBooked' ? event.data.title : REDACTED);
    }
    return known;
  }

  private async compose(updates: readonly InvitationUpdate[], known: Map<string, string>, db: EntityManager): Promise<NewOutboxMessage[]> {
    const titles = await this.titlesOf([...new Set(updates.map(({ invitation }) => invitation.seriesId))], known, db);
    const references: ReferenceIds[] = updates.flatMap(({ invitation }) => [
      invitation,
      ...invitation.occurrences.map((occurrence) => ({ ...invitation, doctorId: occurrence.doctorId, roomId: occurrence.roomId })),
    ]);
    const directory = await referenceDirectory(db, references);
    const clinic = parseMailbox(this.config.mailFrom);
    const messages: NewOutboxMessage[] = [];
    for (const { invitation, change, stored, appointmentId } of updates) {
      const doctor = directory.contact('doctor', invitation.doctorId);
      if (!doctor) throw new Error(`No doctor ${invitation.doctorId} to write to`);
      // A patient erased meanwhile is no longer written to, nor named.
      const patient = directory.contact('patient', invitation.patientId);
      const recipients = [
        ...(patient ? [{ name: patient.name, email: patient.email, role: 'patient' as const }] : []),
        { name: doctor.name, email: doctor.email, role: 'doctor' as const },
      ];
      const names = directory.namesOf(invitation);
      const kind = seriesEmailKind(invitation, change);
      for (const recipient of recipients) {
        messages.push({
          dedupeKey: `${stored.eventId}:${kind}:${recipient.role}:${recipient.email}`,
          appointmentId,
          patientId: invitation.patientId,
          correlationId: stored.metadata.correlationId,
          email: composeSeriesEmail({
            invitation,
            change,
            occurredAt: stored.occurredAt.toISOString(),
            title: titles.get(invitation.seriesId) ?? REDACTED,
            patientName: patient?.name ?? REDACTED,
            appointmentTypeName: names.appointmentType ?? invitation.appointmentTypeId,
            doctorName: (id) => directory.contact('doctor', id)?.name ?? id,
            roomName: (id) => directory.namesOf({ ...invitation, roomId: id }).room ?? id,
            recipient,
            clinic,
            author: stored.metadata.actor,
          }),
        });
      }
    }
    return messages;
  }
}
