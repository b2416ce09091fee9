import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CommandOptions, metadataOf } from '../../appointments/command-execution/command-options';
import { TransactionAppends } from '../../appointments/command-execution/transaction-appends';
import { SlotHolds } from '../../appointments/holds/slot-holds';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { CommandHandling } from '../../event-store/command-handling';
import { StoredEvent } from '../../event-store/stored-event';
import { BatchDelivery, DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { Reservations } from '../../reservations/reservations';
import { Actor } from '../../shared/auth/actor';
import { Clock } from '../../shared/clock';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { ClinicToday } from '../clinic-today';
import { slotKey } from '../domain/waitlist-entry.state';
import { WaitlistEntries } from '../persistence/waitlist-entries';
import { FreedTime, FREEING_EVENTS, FreeingEvent, freedTimeOf } from './freed-time';
import { OfferCandidates } from './offer-candidates';
import { CandidateSlot, chooseSlot, localDate, localDatesOf, mayBeOffered, WaitingEntry } from './offer-choice';
import { decideOffer, decideOfferExpired } from './offer-decisions';
import { OfferLocks } from './offer-locks';
import { EntryUnchanged, isRefusal } from './offer-refusals';

/** The clinic's own process, as the events it causes name their actor. */
export const WAITLIST_OFFERS_ACTOR: Actor = { userId: 'waitlist-offers', role: 'service' };

/** Entries looked at for one stretch of freed time at most, first in line first: each placement tried is a savepoint. */
const ENTRIES_PER_FREED_TIME = 50;

/**
 * Savepoints released in one delivery's transaction at most. Each one that wrote keeps its
 * subtransaction id until the commit, and past 64 in one transaction the snapshots of every
 * session overflow their cache of them, a slowdown for the whole server. One event takes
 * 1 + ENTRIES_PER_FREED_TIME at most; a batch of events that would take more fails
 * (DeliveryOverBudget), and the subscription delivers its events again one at a time.
 */
const SAVEPOINTS_PER_DELIVERY = 60;

/** The batch would take more savepoints than SAVEPOINTS_PER_DELIVERY: to be delivered again event by event. */
class DeliveryOverBudget extends Error {
  constructor() {
    super(`A batch of the waitlist offers takes more than ${SAVEPOINTS_PER_DELIVERY} savepoints; delivered again one event at a time`);
  }
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

interface OfferedSlotRow {
  doctorId: string;
  start: string;
}

/** One delivery's transaction: its locks (see OfferLocks) and the savepoints released in it. */
interface Delivery {
  db: EntityManager;
  locks: OfferLocks;
  savepoints: number;
}

/**
 * The waitlist's offer process manager: a durable subscription that reacts to freed time (see
 * freedTimeOf) by offering it to the first matching waiting entries, in the order they joined.
 * Everything it does is written in the delivery's transaction, which also moves its checkpoint:
 * an offer (the hold in the patient's name for OFFER_TTL_SECONDS, and WaitlistOfferMade on the
 * entry) is made exactly once, even across crashes and with several instances (one runs the
 * subscription at a time; a batch whose transaction rolled back is delivered again and finds
 * nothing done). Each freeing event is recorded as acted on (waitlist_freed_time), so a batch
 * delivered again after all changes nothing. The events it appended are told once the delivery's
 * transaction has committed (TransactionAppends); those of a savepoint rolled back are not.
 *
 * For each freeing event: an offer hold that ended outside the waitlist's own commands (its time
 * ran out, or the clinic released it: a block in its way, a patient's erasure) closes its
 * entry's offer (WaitlistOfferExpired), so that no entry keeps an offer whose hold is gone; one
 * the waitlist ended itself (declined, left, accepted) finds its entry moved on. Then, for each
 * waiting entry in line whose doctor and window match, the earliest bookable slot of its
 * appointment type inside the freed time that it was never offered is held for its patient. A
 * placement the domain refuses (the slot or the patient taken after all, a record retired) is
 * rolled back to its savepoint and the next entry is tried; an event the domain refuses is
 * skipped with a log. Anything else (see isRefusal) fails the delivery, for the subscription to
 * retry and, at last, to park in its dead-letter table.
 *
 * Lock order: see OfferLocks. The first placement of a delivery waits for its reservation locks;
 * every later lock is only tried, and a busy one fails the delivery, to be retried.
 */
@Injectable()
@DurableEventsHandler({ name: SUBSCRIPTIONS.waitlistOffers, events: FREEING_EVENTS })
export class WaitlistOffersProcess implements DurableBatchHandler<FreeingEvent> {
  private readonly logger = new Logger('WaitlistOffers');

  constructor(
    private readonly entries: WaitlistEntries,
    private readonly holds: SlotHolds,
    private readonly candidates: OfferCandidates,
    private readonly clinic: ClinicToday,
    private readonly reservations: Reservations,
    private readonly commands: CommandHandling,
    private readonly clock: Clock,
    private readonly appends: TransactionAppends,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handleBatch(events: ReadonlyArray<DeliveredEvent<FreeingEvent>>, { db, afterCommit }: BatchDelivery): Promise<void> {
    const delivery: Delivery = { db, locks: new OfferLocks(db, this.reservations, this.commands), savepoints: 0 };
    for (const { event, stored } of events) {
      if (await this.firstDelivery(db, stored.eventId)) await this.reactSafely(delivery, event, stored);
    }
    afterCommit(() => this.appends.committed(db));
  }

  /** Records the event as acted on; false when it was already (a batch delivered again). */
  private async firstDelivery(db: EntityManager, eventId: string): Promise<boolean> {
    const rows: unknown[] = await db.query(`insert into waitlist_freed_time (event_id) values ($1) on conflict do nothing returning event_id`, [eventId]);
    return rows.length > 0;
  }

  /** Reacts to one event inside a savepoint: an event the domain refuses is skipped with a log. */
  private reactSafely(delivery: Delivery, event: FreeingEvent, stored: StoredEvent): Promise<void> {
    return this.inSavepoint(delivery, 'waitlist_event', () => this.react(delivery, event, this.optionsFor(stored)), (error) => {
      this.logger.warn(`Skipped ${stored.type} #${stored.position}: ${describe(error)}`);
    });
  }

  /**
   * Runs `work` inside a savepoint of the delivery: a domain refusal rolls back to it (and
   * releases it), forgets the events recorded since (TransactionAppends) and calls `refused`;
   * any other failure fails the delivery.
   */
  private async inSavepoint(delivery: Delivery, name: string, work: () => Promise<void>, refused: (error: unknown) => void): Promise<void> {
    if (delivery.savepoints >= SAVEPOINTS_PER_DELIVERY) throw new DeliveryOverBudget();
    const { db } = delivery;
    await db.query(`savepoint ${name}`);
    const mark = this.appends.mark(db);
    try {
      await work();
      await db.query(`release savepoint ${name}`);
      delivery.savepoints++;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      await db.query(`rollback to savepoint ${name}`);
      await db.query(`release savepoint ${name}`);
      this.appends.rollbackTo(db, mark);
      refused(error);
    }
  }

  /** The options of the commands an event causes: the process as their actor, the event as their cause, its correlation carried on. */
  private optionsFor(stored: StoredEvent): CommandOptions {
    const { correlationId, requestId } = stored.metadata;
    return { commandId: stored.eventId, context: { actor: WAITLIST_OFFERS_ACTOR, correlationId, requestId: requestId ?? stored.eventId } };
  }

  private async react(delivery: Delivery, event: FreeingEvent, options: CommandOptions): Promise<void> {
    if ((event.type === 'HoldExpired' || event.type === 'HoldReleased') && event.data.waitlistEntryId !== null) {
      await this.closeOffer(delivery, event.data.waitlistEntryId, event.data.holdId, options);
    }
    const freed = freedTimeOf(event);
    if (freed !== null) await this.offer(delivery, freed, options);
  }

  /** The offer of `holdId` to the entry ends with its hold (WaitlistOfferExpired), unless the entry has moved on from it. */
  private async closeOffer({ db, locks }: Delivery, entryId: string, holdId: string, options: CommandOptions): Promise<void> {
    await locks.beforeEntry(entryId);
    try {
      await this.entries.run(
        {
          entryId,
          metadata: metadataOf(options),
          decide: (state) => {
            const expired = decideOfferExpired(state, holdId);
            if (!expired) throw new EntryUnchanged();
            return [expired];
          },
        },
        db,
      );
    } catch (error) {
      if (!(error instanceof EntryUnchanged)) throw error;
    }
  }

  /** Offers the freed time to the waiting entries in line, each at most one slot. */
  private async offer(delivery: Delivery, freed: FreedTime, options: CommandOptions): Promise<void> {
    const { db } = delivery;
    const now = this.clock.now();
    if (Date.parse(freed.end) <= now.getTime()) return;
    const zone = await this.clinic.zone(db);
    for (const entry of await this.inLine(db, freed, zone, now)) {
      if (!mayBeOffered(entry, freed, zone, now)) continue;
      const slot = await this.candidates.chosen(db, entry, freed, zone, now, (slots) => chooseSlot(entry, freed, slots, zone, now));
      if (slot) await this.place(delivery, entry, slot, options);
    }
  }

  /** The waiting entries that may match the freed time (doctor, window not over), first joined first, with the slots offered to them before. */
  private async inLine(db: EntityManager, freed: FreedTime, zone: string, now: Date): Promise<WaitingEntry[]> {
    const dates = localDatesOf(freed, zone);
    const rows: Array<Omit<WaitingEntry, 'offeredSlots'> & { offered: OfferedSlotRow[] }> = await db.query(
      `select e.entry_id as "entryId", e.patient_id as "patientId", e.appointment_type_id as "appointmentTypeId", e.doctor_id as "doctorId",
              e.window_from::text as "from", e.window_to::text as "to",
              coalesce((select json_agg(json_build_object('doctorId', s.doctor_id, 'start', s.start)) from waitlist_offered_slots s where s.entry_id = e.entry_id), '[]'::json) as offered
       from waitlist_entries e
       where e.status = 'waiting' and e.window_to >= greatest($1::date, $3::date) and e.window_from <= $2::date
         and ($4::uuid is null or e.doctor_id is null or e.doctor_id = $4)
       order by e.joined_order
       limit ${ENTRIES_PER_FREED_TIME}`,
      [dates[0], dates[dates.length - 1], localDate(now, zone), freed.doctorId],
    );
    return rows.map(({ offered, ...entry }) => ({ ...entry, offeredSlots: offered.map(slotKey) }));
  }

  /**
   * Holds the slot for the entry's patient and records the offer on the entry, inside a
   * savepoint: a placement refused, or an entry that moved on, rolls back to it and leaves the
   * slot to the next entry.
   */
  private place(delivery: Delivery, entry: WaitingEntry, slot: CandidateSlot, options: CommandOptions): Promise<void> {
    const work = async () => {
      const request = { appointmentTypeId: entry.appointmentTypeId, doctorId: slot.doctorId, roomId: slot.roomId, patientId: entry.patientId, start: new Date(slot.start), end: new Date(slot.end) };
      await delivery.locks.beforePlacing({ kind: 'hold', doctorId: request.doctorId, roomId: request.roomId, patientId: request.patientId });
      const holdId = randomUUID();
      const { hold } = await this.holds.place(holdId, request, options, { ttlSeconds: this.config.offerTtlSeconds, waitlistEntryId: entry.entryId }, delivery.db);
      const offer = { holdId, doctorId: hold.doctorId, roomId: hold.roomId, start: hold.start, end: hold.end, expiresAt: hold.expiresAt };
      await delivery.locks.beforeEntry(entry.entryId);
      await this.entries.run(
        {
          entryId: entry.entryId,
          metadata: metadataOf(options),
          decide: (state) => {
            const made = decideOffer(state, offer);
            if (!made) throw new EntryUnchanged();
            return [made];
          },
        },
        delivery.db,
      );
    };
    return this.inSavepoint(delivery, 'waitlist_offer', work, (error) => {
      if (!(error instanceof EntryUnchanged)) this.logger.log(`No offer to waitlist entry ${entry.entryId} of ${slot.start}: ${describe(error)}`);
    });
  }
}
