import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decideCancel } from '../../appointments/cancelling/cancel-appointment';
import { AppointmentCommandExecutor } from '../../appointments/command-execution/appointment-command.executor';
import { CommandOptions, metadataOf } from '../../appointments/command-execution/command-options';
import { fixedStatusOutcomes, IdempotencyKeys } from '../../appointments/command-execution/idempotency-keys';
import { HOLD_AGGREGATE_TYPE } from '../../appointments/domain/hold.events';
import { SlotHolds } from '../../appointments/holds/slot-holds';
import { TransactionAppends } from '../../appointments/command-execution/transaction-appends';
import { APPOINTMENT_AGGREGATE_TYPE } from '../../appointments/domain/appointment.events';
import { ConcurrentChange } from '../../event-store/command-errors';
import { CommandHandling, StreamType } from '../../event-store/command-handling';
import { BlockDescriptions, isBlock } from '../../reservations/block-descriptions';
import { Occupation, Reservations, ReservedTime, ResourceTaken } from '../../reservations/reservations';
import { RecordNotFound } from '../../shared/application-errors';
import { Clock } from '../../shared/clock';
import { holdsInTheWay, Occupant } from '../domain/block-rules';
import { BlockFacts } from '../domain/schedule.events';
import { assertOwnersExist } from './block-owners';

/**
 * A block recorded: its facts as the event holds them, the version of its stream after it, and
 * the position of the last event written; `replayed` when it is the stored outcome of an earlier
 * request with the same Idempotency-Key.
 */
export interface ScheduledBlock {
  id: string;
  facts: BlockFacts;
  version: number;
  position: number;
  replayed: boolean;
}

/** A block cancelled: the position of its cancellation event (`replayed` as above). */
export interface CancelledBlock {
  position: number;
  replayed: boolean;
}

/** Scheduling one block on its stream: what it occupies and the use case's pure decision. */
export interface BlockToSchedule<State, Scheduled> {
  streamId: string;
  /** The block's stream is its own (a closure, a room block), new; a time off joins its doctor's schedule stream. */
  newStream: boolean;
  /** The time the block takes in the reservations table (see blockOccupation); the doctor or room it holds must exist. */
  occupation: Occupation;
  /** The request asks to cancel the appointments in the way (`cancelAppointments`). */
  mayCancel: boolean;
  options: CommandOptions;
  decide(state: State, inTheWay: Occupant[], now: Date): Scheduled;
}

/** Cancelling one block: the use case's pure decision, the reservation it gives back, and how it is named when unknown. */
export interface BlockToCancel<State, Cancelled> {
  streamId: string;
  /** `ifMatch` is checked against the version of the block's stream (a time off's controller refuses it: the stream is its doctor's schedule). */
  options: CommandOptions;
  decide(state: State): Cancelled;
  released(cancelled: Cancelled): Occupation;
  /** The use case's not-found, for an id that names another kind of stream. */
  notFound(): RecordNotFound;
}

/** A scheduled block as its Idempotency-Key keeps it: the first answer was a 201. */
const SCHEDULED_OUTCOMES = fixedStatusOutcomes<ScheduledBlock>(201);

/** A cancelled block as its Idempotency-Key keeps it: the first answer was a 204. */
const CANCELLED_OUTCOMES = fixedStatusOutcomes<CancelledBlock>(204);

/** A row of the reservations table as the lock query takes it (buffers play no part in locks). */
function occupationOfRow(row: ReservedTime): Occupation {
  return { ...row, start: row.start.toISOString(), end: row.end.toISOString(), bufferBeforeMinutes: 0, bufferAfterMinutes: 0 };
}

/**
 * Schedules and cancels the blocks of a schedule (time off, clinic closures, room blocks), each
 * in one PostgreSQL transaction on its stream, once the doctor or room a new block holds is known
 * to exist (else not found):
 *
 * 1. claim the Idempotency-Key, if one was sent (a finished request's outcome is answered again);
 * 2. take the reservation locks of what the block holds (a closure takes the clinic's lock
 *    alone, so no booking anywhere is between its check and its write; so does a block that may
 *    cancel appointments, whose doctors, rooms and patients it learns only in step 3);
 * 3. read what is in its way: every booking or block that holds the same doctor or room (every
 *    booking of the clinic, for a closure), now committed and unable to change while the locks
 *    are held;
 * 4. let the use case decide (pure): its rules, and whether what is in the way refuses the block
 *    or, asked to, is cancelled;
 * 5. try the stream locks of the appointments to cancel and the slot holds to release without
 *    waiting: a command on one of them (a reschedule, a cancellation, a hold's conversion) may
 *    hold its stream's lock while it waits for the clinic's lock this block holds, so waiting
 *    would be a deadlock. A busy one rolls the block back and runs it again once that command is
 *    through (see CommandHandling.tryLockStreams);
 * 6. append the block's event, cancel each appointment in the way with the block's reason (as
 *    an appointment command of its own, in the same transaction), release each hold in the way
 *    (HoldReleased; one whose time has run out expires instead), write the block's reservation,
 *    which PostgreSQL's exclusion constraints check once more, and store the outcome with the
 *    Idempotency-Key.
 *
 * Any failure rolls all of it back: a block refused cancels nothing and keeps no key. Once the
 * transaction has committed, every event it wrote is told (TransactionAppends): the block's, and
 * the cancellations, releases and expiries recorded by the commands it ran within it.
 */
@Injectable()
export class BlockScheduling {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: CommandHandling,
    private readonly reservations: Reservations,
    private readonly descriptions: BlockDescriptions,
    private readonly appointments: AppointmentCommandExecutor,
    private readonly holds: SlotHolds,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly clock: Clock,
    private readonly appends: TransactionAppends,
  ) {}

  async schedule<State, Event, Scheduled extends Event & { data: BlockFacts }>(
    stream: StreamType<State, Event>,
    block: BlockToSchedule<State, Scheduled>,
  ): Promise<ScheduledBlock> {
    const { occupation, options } = block;
    await assertOwnersExist(this.dataSource.manager, occupation);
    const idempotency = this.idempotencyKeys.idempotencyOf(options, SCHEDULED_OUTCOMES);
    let inTheWay: ReservedTime[] = [];
    let decided: BlockFacts | undefined;
    let releasedHolds: string[] = [];
    let transaction: EntityManager | undefined;
    try {
      const outcome = await this.commands.handle(stream, {
        streamId: block.streamId,
        newStream: block.newStream,
        metadata: metadataOf(options),
        precheck: idempotency?.claim,
        decide: async (state, db) => {
          await this.reservations.lock(db, [occupation], { wholeClinic: block.mayCancel });
          // An empty or inverted range occupies nothing: the decision refuses it.
          inTheWay = Date.parse(occupation.end) > Date.parse(occupation.start) ? await this.reservations.inTheWay(db, occupation) : [];
          const occupants = await Promise.all(inTheWay.map((row) => this.occupantOf(row, db)));
          const scheduled = block.decide(state, occupants, this.clock.now());
          decided = scheduled.data;
          releasedHolds = holdsInTheWay(occupants);
          await this.commands.tryLockStreams(db, { aggregateType: APPOINTMENT_AGGREGATE_TYPE }, decided.cancelledAppointmentIds);
          await this.commands.tryLockStreams(db, { aggregateType: HOLD_AGGREGATE_TYPE }, releasedHolds);
          return [scheduled];
        },
        then: async (db, { appended }) => {
          transaction = db;
          this.appends.record(db, appended.events.map((event) => event.type));
          const facts = decided as BlockFacts;
          const lastCancellation = await this.cancelInTheWay(db, occupation, facts, { rows: inTheWay, holds: releasedHolds }, options);
          const scheduled: ScheduledBlock = { id: occupation.id, facts, version: appended.version, position: Math.max(appended.lastPosition, lastCancellation), replayed: false };
          await idempotency?.store(db, scheduled);
          return scheduled;
        },
      });
      if (!outcome.replayed) this.appends.committed(transaction);
      return outcome;
    } catch (caught) {
      throw caught instanceof ResourceTaken ? await this.conflictOf(caught, stream.aggregateType) : caught;
    }
  }

  async cancel<State, Event, Cancelled extends Event>(stream: StreamType<State, Event>, block: BlockToCancel<State, Cancelled>): Promise<CancelledBlock> {
    // An id of another kind of stream (an appointment's, another kind of block's) names no block
    // of this kind; its events are not this stream type's to fold.
    if (await this.isOtherStream(block.streamId, stream.aggregateType)) throw block.notFound();
    const idempotency = this.idempotencyKeys.idempotencyOf(block.options, CANCELLED_OUTCOMES);
    let transaction: EntityManager | undefined;
    const outcome = await this.commands.handle(stream, {
      streamId: block.streamId,
      expectedVersions: block.options.ifMatch,
      metadata: metadataOf(block.options),
      precheck: idempotency?.claim,
      // A block that is not there to cancel is not found, whatever version If-Match names.
      guard: (state) => void block.decide(state),
      decide: (state) => [block.decide(state)],
      then: async (db, { appended }) => {
        transaction = db;
        this.appends.record(db, appended.events.map((event) => event.type));
        const [cancelled] = appended.events;
        await this.reservations.apply(db, block.released(stream.decode(cancelled) as Cancelled), null);
        const outcome: CancelledBlock = { position: appended.lastPosition, replayed: false };
        await idempotency?.store(db, outcome);
        return outcome;
      },
    });
    if (!outcome.replayed) this.appends.committed(transaction);
    return outcome;
  }

  /**
   * Cancels the appointments the block decided to cancel and releases the holds in its way, then
   * writes the block's reservation; the position of the last of those events written (0 without
   * one). The locks of every doctor, room and patient they give back are taken first, together,
   * in the global order; their streams' locks are held already (step 5).
   */
  private async cancelInTheWay(
    db: EntityManager,
    occupation: Occupation,
    facts: BlockFacts,
    inTheWay: { rows: ReservedTime[]; holds: readonly string[] },
    options: CommandOptions,
  ): Promise<number> {
    const givenBack = inTheWay.rows.filter((row) => facts.cancelledAppointmentIds.includes(row.id) || inTheWay.holds.includes(row.id));
    await this.reservations.lock(db, [occupation, ...givenBack.map(occupationOfRow)]);
    // The cancellations are caused by the block's command; its If-Match and Idempotency-Key are its own.
    const cancelling: CommandOptions = { commandId: options.commandId, context: options.context };
    let position = 0;
    for (const appointmentId of facts.cancelledAppointmentIds) {
      const outcome = await this.appointments.changeWithin(db, 'cancel', appointmentId, cancelling, (state) => decideCancel(facts.reason, state));
      position = Math.max(position, outcome.position);
    }
    const now = this.clock.now();
    for (const holdId of inTheWay.holds) {
      // A hold whose time has run out (its timer not fired yet) expires rather than being released.
      const expired = await this.holds.expireWithin(db, holdId, now);
      if (expired !== null) {
        position = Math.max(position, expired);
        continue;
      }
      position = Math.max(position, (await this.holds.release(holdId, cancelling, db)).position);
    }
    await this.reservations.apply(db, null, occupation);
    return position;
  }

  private async isOtherStream(streamId: string, aggregateType: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`select 1 from events where aggregate_id = $1 and aggregate_type <> $2 limit 1`, [streamId, aggregateType]);
    return rows.length > 0;
  }

  private async occupantOf(row: ReservedTime, db: EntityManager): Promise<Occupant> {
    const time = { id: row.id, start: row.start.toISOString(), end: row.end.toISOString() };
    if (isBlock(row)) return { ...time, kind: row.kind, ...(await this.descriptions.describe(row, db)) };
    return { ...time, kind: row.kind === 'hold' ? 'hold' : 'appointment' };
  }

  /**
   * The block's own reservation was refused although nothing was in its way under its locks:
   * what refused it (read after the rollback) is named if it is a block, else it was a race.
   */
  private async conflictOf(taken: ResourceTaken, aggregateType: string): Promise<Error> {
    const rival = await this.reservations.blocking(this.dataSource.manager, taken);
    return rival && isBlock(rival) ? this.descriptions.conflictOf(rival) : new ConcurrentChange(aggregateType, taken.wanted.id);
  }
}
