import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConcurrentChange } from '../../event-store/command-errors';
import { CommandHandling } from '../../event-store/command-handling';
import { isLostRace } from '../../event-store/lost-race';
import { EventMetadata } from '../../event-store/stored-event';
import { outcomeOf } from '../../observability/command-outcome';
import { Metrics } from '../../observability/metrics';
import { Reservations, ResourceTaken } from '../../reservations/reservations';
import { Clock } from '../../shared/clock';
import { BookingRequest } from '../booking/book-appointment';
import { bookingDecision } from '../booking/booking-decision';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { CommandOptions, CommandOutcome, metadataOf } from '../command-execution/command-options';
import { fixedStatusOutcomes, IdempotencyKeys } from '../command-execution/idempotency-keys';
import { referenceReads } from '../command-execution/reference-reads';
import { TransactionAppends } from '../command-execution/transaction-appends';
import { HoldEvent } from '../domain/hold.events';
import { decideConversion, decideExpiry, decidePlacing, decideRelease } from './domain/slot-hold.rules';
import { SlotHold } from './domain/slot-hold.state';
import { assertHolder } from './hold-access';
import { holdOccupation } from './hold-occupation';
import { HoldResource, holdResourceAt } from './hold-resource';
import { holdTimers } from './hold-timers';
import { SLOT_HOLD_STREAM } from './slot-hold-stream';

/** A slot to hold: who, with whom, where and when (`end` defaults to start + the type's duration). */
export interface HoldRequest {
  appointmentTypeId: string;
  doctorId: string;
  roomId: string;
  patientId: string;
  start: Date;
  end?: Date;
}

/** A hold placed: the hold, the position of its SlotHeld, and `replayed` when it is the stored outcome of an earlier request with the same Idempotency-Key. */
export interface PlacedHold {
  hold: HoldResource;
  position: number;
  replayed: boolean;
}

/** A placed hold as its Idempotency-Key keeps it: the first answer was a 201. */
const PLACED_OUTCOMES = fixedStatusOutcomes<PlacedHold>(201);

/** The commands on a hold, as the metrics name them (with the appointment commands). */
export type HoldCommandKind = 'place-hold' | 'release-hold' | 'convert-hold' | 'expire-hold';

/** A conversion that lost a race (a concurrent append, a deadlock, hours changed since its reads) runs again this many times at most. */
const MAX_ATTEMPTS = 3;

/** The events of a hold's timer: caused by the hold itself, sent by no request. */
function timerMetadata(holdId: string): EventMetadata {
  return { correlationId: randomUUID(), causationId: holdId, actor: { userId: 'hold-timer', role: 'service' }, requestId: null };
}

/**
 * Slot holds: a `SlotHold` stream per hold, whose slot is a row of kind 'hold' in the
 * reservations table, under the same exclusion constraints as the appointments, and whose
 * durable timer is a row of hold_expiries. Each command is one PostgreSQL transaction (its own,
 * or `within` the caller's) that writes the hold's event, its reservation and its timer
 * together: a failed command writes nothing.
 *
 * Lock order, as for every command on a stream: the hold's stream lock, then the reservation
 * locks (doctor, room, patient, the clinic shared), then the timer row. The expiry dispatcher,
 * which locks the timer row first, only tries the stream's lock (see HoldExpiryDispatcher).
 * A command run `within` a caller's transaction records its event in TransactionAppends, for the
 * caller to tell once it has committed, and leaves a slot found taken unnamed (ResourceTaken) to
 * the caller, whose transaction is aborted then: naming it takes no second connection while the
 * caller holds its locks (a conversion, which the waitlist's accept runs within its transaction,
 * names it on that transaction, rolled back to a savepoint). Each command is counted with the
 * appointment commands (`appointment_commands_total`, command place-hold, release-hold,
 * convert-hold or expire-hold) by how it ended; the HTTP API sends them through the CommandBus (the handlers
 * beside the controllers), the clinic's own processes call this service in their transactions.
 */
@Injectable()
export class SlotHolds {
  constructor(
    private readonly commands: CommandHandling,
    private readonly reservations: Reservations,
    private readonly appointments: AppointmentCommandExecutor,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly clock: Clock,
    private readonly appends: TransactionAppends,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Holds a slot under `holdId` for `terms.ttlSeconds`, by the rules of a booking: the records
   * named exist and are active, the slot is in the doctor's working hours, not in the past, and
   * free (a slot taken by an appointment or another hold is a 409 naming the doctor, room or
   * patient; one in a block of the schedule a 409 naming the block).
   */
  place(holdId: string, request: HoldRequest, options: CommandOptions, terms: { ttlSeconds: number; waitlistEntryId: string | null }, within?: EntityManager): Promise<PlacedHold> {
    return this.counted('place-hold', () => this.placeHold(holdId, request, options, terms, within));
  }

  private async placeHold(holdId: string, request: HoldRequest, options: CommandOptions, terms: { ttlSeconds: number; waitlistEntryId: string | null }, within?: EntityManager): Promise<PlacedHold> {
    const idempotency = this.idempotencyKeys.idempotencyOf(options, PLACED_OUTCOMES);
    const { doctorId, roomId, patientId } = request;
    try {
      const placed = await this.commands.handle(
        SLOT_HOLD_STREAM,
        {
          streamId: holdId,
          newStream: true,
          metadata: metadataOf(options),
          precheck: idempotency?.claim,
          decide: async (state, db) => {
            // Under the doctor's reservation lock the working hours read cannot change before the commit.
            await this.reservations.lock(db, [{ kind: 'hold', doctorId, roomId, patientId }]);
            const reads = referenceReads.booking(request);
            const [row]: Array<{ value: unknown }> = await db.query(`select ${reads.read.sql} as value`, reads.read.params);
            const { doctor, appointmentType } = reads.parse(row.value);
            return decidePlacing({ ...request, holdId, doctor, appointmentType, ...terms }, state, this.clock.now());
          },
          then: async (db, { after, appended }) => {
            const hold = after as SlotHold;
            await this.reservations.apply(db, null, holdOccupation(hold));
            await holdTimers.set(db, holdId, hold.expiresAt);
            const outcome: PlacedHold = { hold: holdResourceAt(hold, this.clock.now()), position: appended.lastPosition, replayed: false };
            await idempotency?.store(db, outcome);
            return outcome;
          },
        },
        within,
      );
      if (!placed.replayed) this.tell(within, ['SlotHeld']);
      return placed;
    } catch (error) {
      throw error instanceof ResourceTaken && !within ? await this.appointments.conflictOf(error) : error;
    }
  }

  /** Gives a held slot back (HoldReleased); the hold's patient or staff only (another's is not found), a hold that has ended is gone (410). */
  release(holdId: string, options: CommandOptions, within?: EntityManager): Promise<{ position: number }> {
    return this.counted('release-hold', () => this.releaseHold(holdId, options, within));
  }

  private async releaseHold(holdId: string, options: CommandOptions, within?: EntityManager): Promise<{ position: number }> {
    const { actor } = options.context;
    const released = await this.commands.handle(
      SLOT_HOLD_STREAM,
      {
        streamId: holdId,
        metadata: metadataOf(options),
        guard: (state) => assertHolder(actor, holdId, state),
        decide: (state) => decideRelease(state, holdId, this.clock.now()),
        then: async (db, { before, appended }) => {
          await this.end(db, before as SlotHold);
          return { position: appended.lastPosition };
        },
      },
      within,
    );
    this.tell(within, ['HoldReleased']);
    return released;
  }

  /**
   * Books the appointment `appointmentId` in a held slot, in one transaction: HoldConverted on
   * the hold's stream, the hold's reservation given back, and the booking (AppointmentCreated
   * with the hold's id) writing the appointment's. Only the holder converts (another patient's
   * hold is not found), only into the slot held (else 422), and only while it holds it (an
   * ended or run-out hold is gone, 410). A request repeated with its Idempotency-Key answers the
   * first outcome again, looked up before the hold (which that outcome has converted).
   */
  convert(holdId: string, appointmentId: string, request: BookingRequest, options: CommandOptions, within?: EntityManager): Promise<CommandOutcome> {
    return this.counted('convert-hold', () => this.convertHold(holdId, appointmentId, request, options, within));
  }

  private async convertHold(holdId: string, appointmentId: string, request: BookingRequest, options: CommandOptions, within?: EntityManager): Promise<CommandOutcome> {
    if (within) return this.convertInSavepoint(within, () => this.convertWithin(within, holdId, appointmentId, request, options));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.appends.transaction((db) => this.convertWithin(db, holdId, appointmentId, request, options));
      } catch (error) {
        if (error instanceof ResourceTaken) throw await this.appointments.conflictOf(error);
        if (!isLostRace(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrentChange('SlotHold', holdId);
      }
    }
  }

  /**
   * A conversion inside the caller's transaction `db`, in a savepoint: a slot found taken rolls
   * back to it, so that the conflict is named on the caller's own connection (the caller's
   * transaction then rolls back with the error).
   */
  private async convertInSavepoint(db: EntityManager, conversion: () => Promise<CommandOutcome>): Promise<CommandOutcome> {
    await db.query('savepoint hold_conversion');
    try {
      const outcome = await conversion();
      await db.query('release savepoint hold_conversion');
      return outcome;
    } catch (error) {
      if (!(error instanceof ResourceTaken)) throw error;
      await db.query('rollback to savepoint hold_conversion');
      await db.query('release savepoint hold_conversion');
      throw await this.appointments.conflictOf(error, db);
    }
  }

  private async convertWithin(db: EntityManager, holdId: string, appointmentId: string, request: BookingRequest, options: CommandOptions): Promise<CommandOutcome> {
    const { actor } = options.context;
    const { idempotency } = options;
    if (idempotency) {
      const earlier = await this.idempotencyKeys.claim(db, actor.userId, idempotency.key, idempotency.fingerprint);
      if (earlier) return earlier;
    }
    const converted = await this.commands.handle(
      SLOT_HOLD_STREAM,
      {
        streamId: holdId,
        metadata: metadataOf(options),
        guard: (state) => assertHolder(actor, holdId, state),
        decide: async (state, tx) => {
          const end = request.end ?? (await this.defaultEnd(tx, request));
          return decideConversion(state, holdId, { ...request, end }, appointmentId, this.clock.now());
        },
        then: async (tx, { before }) => {
          const hold = before as SlotHold;
          await this.end(tx, hold);
          return hold;
        },
      },
      db,
    );
    const booked = await this.appointments.bookWithin(db, appointmentId, options, bookingDecision(appointmentId, { ...request, end: new Date(converted.end), holdId }));
    this.appends.record(db, ['HoldConverted']);
    return booked;
  }

  /**
   * Fires a hold's timer inside the dispatcher's transaction, which holds the timer row and the
   * hold's stream lock: a hold still held whose time has run out expires (HoldExpired at the
   * version loaded, its reservation and timer deleted); a timer left by a hold that has ended is
   * deleted. The position of the HoldExpired when the hold expired, else null; the caller tells
   * of it once its transaction has committed (TransactionAppends).
   */
  async expireWithin(db: EntityManager, holdId: string, now: Date): Promise<number | null> {
    const { state } = await this.commands.load(SLOT_HOLD_STREAM, holdId, db);
    if (decideExpiry(state, now).length === 0) {
      if (state?.status !== 'held') await holdTimers.clear(db, holdId);
      return null;
    }
    const position = await this.counted('expire-hold', () =>
      this.commands.handle(
        SLOT_HOLD_STREAM,
        {
          streamId: holdId,
          metadata: timerMetadata(holdId),
          decide: (current) => decideExpiry(current, now),
          then: async (tx, { before, appended }) => {
            await this.end(tx, before as SlotHold);
            return appended.lastPosition;
          },
        },
        db,
      ),
    );
    this.appends.record(db, ['HoldExpired']);
    return position;
  }

  /** A hold's event appended: recorded for the caller's transaction `within`, or told now that its own has committed. */
  private tell(within: EntityManager | undefined, types: readonly HoldEvent['type'][]): void {
    if (within) this.appends.record(within, types);
    else this.appends.committed(undefined, types);
  }

  /** Counts a command on a hold, by how it ended (a replay of an Idempotency-Key too, as the appointment commands count it). */
  private async counted<T>(kind: HoldCommandKind, command: () => Promise<T>): Promise<T> {
    try {
      const result = await command();
      this.metrics.commandExecuted(kind, 'ok');
      return result;
    } catch (error) {
      this.metrics.commandExecuted(kind, outcomeOf(error));
      throw error;
    }
  }

  /** A hold that ends gives its slot and its timer back. */
  private async end(db: EntityManager, hold: SlotHold): Promise<void> {
    await this.reservations.apply(db, holdOccupation(hold), null);
    await holdTimers.clear(db, hold.holdId);
  }

  /** The end a booking without one gets: start + the appointment type's duration (a type that does not exist is the booking's to refuse). */
  private async defaultEnd(db: EntityManager, request: BookingRequest): Promise<Date> {
    const reads = referenceReads.appointmentType(request.appointmentTypeId);
    const [row]: Array<{ value: unknown }> = await db.query(`select ${reads.read.sql} as value`, reads.read.params);
    const type = reads.parse(row.value);
    return new Date(request.start.getTime() + type.durationMinutes * 60_000);
  }
}
