import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { SlotHolds } from '../../appointments/holds/slot-holds';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AppendSignal } from '../../event-store/append-signal';
import { COMMIT_ERROR } from '../../event-store/command-commit';
import { StreamsBusy } from '../../event-store/command-errors';
import { StoredEvent, WrongExpectedVersion } from '../../event-store/stored-event';
import { BatchDelivery, DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { Actor } from '../../shared/auth/actor';
import { Clock } from '../../shared/clock';
import { isDatabaseUnavailable } from '../../shared/database-errors';
import { PG_ERROR } from '../../shared/postgres-error-codes';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { ClinicToday } from '../clinic-today';
import { slotKey } from '../domain/waitlist-entry.state';
import { metadataOf, WaitlistEntries } from '../persistence/waitlist-entries';
import { FreedTime, FREEING_EVENTS, FreeingEvent, freedTimeOf } from './freed-time';
import { OfferCandidates } from './offer-candidates';
import { CandidateSlot, chooseSlot, fits, localDate, localDatesOf, mayBeOffered, WaitingEntry } from './offer-choice';
import { decideOffer, decideOfferExpired } from './offer-decisions';

/** The clinic's own process, as the events it causes name their actor. */
export const WAITLIST_OFFERS_ACTOR: Actor = { userId: 'waitlist-offers', role: 'service' };

/** Entries looked at for one stretch of freed time at most, first in line first. */
const ENTRIES_PER_FREED_TIME = 100;

/** A decision that leaves the entry as it is (it moved on meanwhile): nothing to append, nothing rolled back but the attempt. */
class EntryUnchanged extends Error {}

/**
 * A failure that another attempt at the batch can get past: the database unavailable, a race
 * lost to a concurrent command (a version moved, a stream busy, a deadlock broken), never a rule.
 */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (
    isDatabaseUnavailable(error) ||
    error instanceof WrongExpectedVersion ||
    error instanceof StreamsBusy ||
    code === PG_ERROR.DEADLOCK_DETECTED ||
    code === PG_ERROR.SERIALIZATION_FAILURE ||
    code === COMMIT_ERROR.LOST_RACE
  );
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

interface OfferedSlotRow {
  doctorId: string;
  start: string;
}

/**
 * The waitlist's offer process manager: a durable subscription that reacts to freed time (see
 * freedTimeOf) by offering it to the first matching waiting entries, in the order they joined.
 * Everything it does is written in the delivery's transaction, which also moves its checkpoint:
 * an offer (the hold in the patient's name for OFFER_TTL_SECONDS, and WaitlistOfferMade on the
 * entry) is made exactly once, even across crashes and with several instances (one runs the
 * subscription at a time; a batch whose transaction rolled back is delivered again and finds
 * nothing done). Each freeing event is recorded as acted on (waitlist_freed_time), so a batch
 * delivered again after all changes nothing.
 *
 * For each freeing event: an offer hold that expired first expires its entry's offer
 * (WaitlistOfferExpired); then, for each waiting entry in line whose doctor and window match,
 * the earliest bookable slot of its appointment type inside the freed time that it was never
 * offered is held for its patient. A placement refused (the slot or the patient taken after
 * all, a record retired) is rolled back to its savepoint and the next entry is tried. An event
 * whose data cannot be acted on is skipped with a log, so that no client's input stops the
 * subscription; only a transient failure (see isTransient) fails the batch, to be retried.
 *
 * Lock order: an offer takes the hold's reservation locks, then the entry's stream lock. The
 * commands on entries take the entry's lock first, but none holds a waiting entry's lock while
 * it waits for a reservation lock (accepting and declining need an offered entry, leaving a
 * waiting one releases no hold), so the two orders cannot wait on each other in a cycle.
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
    private readonly clock: Clock,
    private readonly appendSignal: AppendSignal,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handleBatch(events: ReadonlyArray<DeliveredEvent<FreeingEvent>>, { db, afterCommit }: BatchDelivery): Promise<void> {
    let appended = false;
    for (const { event, stored } of events) {
      if (!(await this.firstDelivery(db, stored.eventId))) continue;
      appended = (await this.reactSafely(db, event, stored)) || appended;
    }
    if (appended) afterCommit(() => this.appendSignal.raise());
  }

  /** Records the event as acted on; false when it was already (a batch delivered again). */
  private async firstDelivery(db: EntityManager, eventId: string): Promise<boolean> {
    const rows: unknown[] = await db.query(`insert into waitlist_freed_time (event_id) values ($1) on conflict do nothing returning event_id`, [eventId]);
    return rows.length > 0;
  }

  /** Reacts to one event inside a savepoint: data that cannot be acted on is skipped with a log; a transient failure fails the batch. */
  private async reactSafely(db: EntityManager, event: FreeingEvent, stored: StoredEvent): Promise<boolean> {
    await db.query('savepoint waitlist_event');
    try {
      const appended = await this.react(db, event, this.optionsFor(stored));
      await db.query('release savepoint waitlist_event');
      return appended;
    } catch (error) {
      if (isTransient(error)) throw error;
      await db.query('rollback to savepoint waitlist_event');
      this.logger.warn(`Skipped ${stored.type} #${stored.position}: ${describe(error)}`);
      return false;
    }
  }

  /** The options of the commands an event causes: the process as their actor, the event as their cause, its correlation carried on. */
  private optionsFor(stored: StoredEvent): CommandOptions {
    const { correlationId, requestId } = stored.metadata;
    return { commandId: stored.eventId, context: { actor: WAITLIST_OFFERS_ACTOR, correlationId, requestId: requestId ?? stored.eventId } };
  }

  private async react(db: EntityManager, event: FreeingEvent, options: CommandOptions): Promise<boolean> {
    let appended = false;
    if (event.type === 'HoldExpired' && event.data.waitlistEntryId !== null) {
      appended = await this.expireOffer(db, event.data.waitlistEntryId, event.data.holdId, options);
    }
    const freed = freedTimeOf(event);
    if (freed === null) return appended;
    return (await this.offer(db, freed, options)) || appended;
  }

  /** The offer of `holdId` to the entry expires with its hold, unless the entry has moved on from it. */
  private async expireOffer(db: EntityManager, entryId: string, holdId: string, options: CommandOptions): Promise<boolean> {
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
      return true;
    } catch (error) {
      if (error instanceof EntryUnchanged) return false;
      throw error;
    }
  }

  /** Offers the freed time to the waiting entries in line, each at most one slot; true when an offer was made. */
  private async offer(db: EntityManager, freed: FreedTime, options: CommandOptions): Promise<boolean> {
    const now = this.clock.now();
    if (Date.parse(freed.end) <= now.getTime()) return false;
    const zone = await this.clinic.zone(db);
    let offered = false;
    for (const entry of await this.inLine(db, freed, zone, now)) {
      if (!mayBeOffered(entry, freed, zone, now)) continue;
      const slot = chooseSlot(entry, freed, await this.candidates.of(db, entry, freed, zone, now, (candidate) => fits(entry, freed, candidate, zone, now)), zone, now);
      if (slot && (await this.place(db, entry, slot, options))) offered = true;
    }
    return offered;
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
   * slot to the next entry. True when the offer was made.
   */
  private async place(db: EntityManager, entry: WaitingEntry, slot: CandidateSlot, options: CommandOptions): Promise<boolean> {
    await db.query('savepoint waitlist_offer');
    try {
      const request = { appointmentTypeId: entry.appointmentTypeId, doctorId: slot.doctorId, roomId: slot.roomId, patientId: entry.patientId, start: new Date(slot.start), end: new Date(slot.end) };
      const holdId = randomUUID();
      const { hold } = await this.holds.place(holdId, request, options, { ttlSeconds: this.config.offerTtlSeconds, waitlistEntryId: entry.entryId }, db);
      const offer = { holdId, doctorId: hold.doctorId, roomId: hold.roomId, start: hold.start, end: hold.end, expiresAt: hold.expiresAt };
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
        db,
      );
      await db.query('release savepoint waitlist_offer');
      return true;
    } catch (error) {
      if (isTransient(error)) throw error;
      await db.query('rollback to savepoint waitlist_offer');
      if (!(error instanceof EntryUnchanged)) this.logger.log(`No offer to waitlist entry ${entry.entryId} of ${slot.start}: ${describe(error)}`);
      return false;
    }
  }
}
