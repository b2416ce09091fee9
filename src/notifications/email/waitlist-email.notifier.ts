import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { referenceDirectory } from '../../appointments/reference-names';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DeliveredEvent } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { WaitlistOfferExpired, WaitlistOfferMade } from '../../waitlist/domain/waitlist.events';
import { NewOutboxMessage } from './email-outbox';
import { parseMailbox } from './mail-identity';
import { composeWaitlistEmail, WaitlistEmailKind } from './waitlist-emails';

export type WaitlistNotifiedEvent = WaitlistOfferMade | WaitlistOfferExpired;

export const WAITLIST_NOTIFIED_EVENTS = [WaitlistOfferMade, WaitlistOfferExpired];

/**
 * Tells a patient on the waitlist of the slot offered to them (and, if it went unanswered, that
 * the offer is over): one message per event, to the patient only (the doctor's calendar has
 * nothing until the offer is accepted, and then the booking is told of as any other).
 */
@Injectable()
export class WaitlistEmailNotifier {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async messagesFor(events: ReadonlyArray<DeliveredEvent<WaitlistNotifiedEvent>>, db: EntityManager): Promise<NewOutboxMessage[]> {
    if (events.length === 0) return [];
    const ids = events.map(({ event }) => ({ ...event.data, doctorId: event.data.offer.doctorId, roomId: event.data.offer.roomId }));
    const directory = await referenceDirectory(db, ids);
    const clinic = parseMailbox(this.config.mailFrom);
    const messages: NewOutboxMessage[] = [];
    events.forEach(({ event, stored }, index) => {
      // A patient erased meanwhile is no longer written to.
      const patient = directory.contact('patient', event.data.patientId);
      if (!patient) return;
      const { offer } = event.data;
      const doctor = directory.contact('doctor', offer.doctorId);
      const names = directory.namesOf(ids[index]);
      const kind: WaitlistEmailKind = event.type === 'WaitlistOfferMade' ? 'offer-made' : 'offer-expired';
      messages.push({
        dedupeKey: `${stored.eventId}:${kind}:patient:${patient.email}`,
        appointmentId: null,
        patientId: event.data.patientId,
        correlationId: stored.metadata.correlationId,
        email: composeWaitlistEmail({
          kind,
          entryId: event.data.entryId,
          start: offer.start,
          end: offer.end,
          expiresAt: offer.expiresAt,
          timezone: doctor?.timezone ?? 'UTC',
          doctorName: doctor?.name ?? offer.doctorId,
          roomName: names.room ?? offer.roomId,
          appointmentTypeName: names.appointmentType ?? event.data.appointmentTypeId,
          recipient: { name: patient.name, email: patient.email },
          clinic,
        }),
      });
    });
    return messages;
  }
}
