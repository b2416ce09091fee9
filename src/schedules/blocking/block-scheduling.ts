import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decideCancel } from '../../appointments/cancelling/cancel-appointment';
import { AppointmentCommandExecutor } from '../../appointments/command-execution/appointment-command.executor';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { AppendSignal } from '../../event-store/append-signal';
import { ConcurrentChange } from '../../event-store/command-errors';
import { CommandHandling, StreamType } from '../../event-store/command-handling';
import { EventMetadata } from '../../event-store/stored-event';
import { BlockDescriptions, isBlock } from '../../reservations/block-descriptions';
import { Occupation, Reservations, ReservedTime, ResourceTaken } from '../../reservations/reservations';
import { Clock } from '../../shared/clock';
import { Occupant } from '../domain/block-rules';
import { BlockFacts } from '../domain/schedule.events';

/** A block recorded: its facts as the event holds them, and the position of the last event written. */
export interface ScheduledBlock {
  id: string;
  facts: BlockFacts;
  position: number;
}

/** A block cancelled: the position of its cancellation event. */
export interface CancelledBlock {
  position: number;
}

/** Scheduling one block on its stream: what it occupies and the use case's pure decision. */
export interface BlockToSchedule<State, Scheduled> {
  streamId: string;
  /** The block's stream is its own (a closure, a room block), new; a time off joins its doctor's schedule stream. */
  newStream: boolean;
  /** The time the block takes in the reservations table (its id is the block's). */
  occupation: Occupation;
  /** The request asks to cancel the appointments in the way (`cancelAppointments`). */
  mayCancel: boolean;
  options: CommandOptions;
  decide(state: State, inTheWay: Occupant[], now: Date): Scheduled;
}

/** Cancelling one block: the use case's pure decision, and the reservation it gives back. */
export interface BlockToCancel<State, Cancelled> {
  streamId: string;
  options: CommandOptions;
  decide(state: State): Cancelled;
  released(cancelled: Cancelled): Occupation;
}

function metadataOf(options: CommandOptions): EventMetadata {
  const { actor, correlationId, requestId } = options.context;
  return { correlationId, causationId: options.commandId, actor: { userId: actor.userId, role: actor.role }, requestId };
}

/** A row of the reservations table as the lock query takes it (buffers play no part in locks). */
function occupationOfRow(row: ReservedTime): Occupation {
  return { ...row, start: row.start.toISOString(), end: row.end.toISOString(), bufferBeforeMinutes: 0, bufferAfterMinutes: 0 };
}

/**
 * Schedules and cancels the blocks of a schedule (time off, clinic closures, room blocks), each
 * in one PostgreSQL transaction on its stream:
 *
 * 1. take the reservation locks of what the block holds (a closure takes the clinic's lock
 *    alone, so no booking anywhere is between its check and its write; so does a block that may
 *    cancel appointments, whose doctors, rooms and patients it learns only in step 2);
 * 2. read what is in its way: every booking or block that holds the same doctor or room (every
 *    booking of the clinic, for a closure), now committed and unable to change while the locks
 *    are held;
 * 3. let the use case decide (pure): its rules, and whether what is in the way refuses the block
 *    or, asked to, is cancelled;
 * 4. append the block's event, cancel each appointment in the way with the block's reason (as
 *    an appointment command of its own, in the same transaction), and write the block's
 *    reservation, which PostgreSQL's exclusion constraints check once more.
 *
 * Any failure rolls all of it back: a block refused cancels nothing.
 */
@Injectable()
export class BlockScheduling {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: CommandHandling,
    private readonly reservations: Reservations,
    private readonly descriptions: BlockDescriptions,
    private readonly appointments: AppointmentCommandExecutor,
    private readonly clock: Clock,
    private readonly appendSignal: AppendSignal,
  ) {}

  async schedule<State, Event, Scheduled extends Event & { data: BlockFacts }>(
    stream: StreamType<State, Event>,
    block: BlockToSchedule<State, Scheduled>,
  ): Promise<ScheduledBlock> {
    const { occupation, options } = block;
    let inTheWay: ReservedTime[] = [];
    let facts: BlockFacts | undefined;
    try {
      const position = await this.commands.handle(stream, {
        streamId: block.streamId,
        newStream: block.newStream,
        metadata: metadataOf(options),
        decide: async (state, db) => {
          await this.reservations.lock(db, [occupation], { wholeClinic: block.mayCancel });
          // An empty or inverted range occupies nothing: the decision refuses it.
          inTheWay = Date.parse(occupation.end) > Date.parse(occupation.start) ? await this.reservations.inTheWay(db, occupation) : [];
          const occupants = await Promise.all(inTheWay.map((row) => this.occupantOf(row, db)));
          const scheduled = block.decide(state, occupants, this.clock.now());
          facts = scheduled.data;
          return [scheduled];
        },
        then: async (db, { appended }) => {
          const decided = facts as BlockFacts;
          return Math.max(appended.lastPosition, await this.cancelInTheWay(db, occupation, decided, inTheWay, options));
        },
      });
      this.appendSignal.raise();
      return { id: occupation.id, facts: facts as BlockFacts, position };
    } catch (caught) {
      throw caught instanceof ResourceTaken ? await this.conflictOf(caught, stream.aggregateType) : caught;
    }
  }

  async cancel<State, Event, Cancelled extends Event>(stream: StreamType<State, Event>, block: BlockToCancel<State, Cancelled>): Promise<CancelledBlock> {
    // An id of another kind of stream (an appointment's, another kind of block's) names no block
    // of this kind: the use case refuses it as it refuses a stream without events.
    if (await this.isOtherStream(block.streamId, stream.aggregateType)) {
      block.decide(stream.initialState);
      throw new Error(`Stream ${block.streamId} is not a ${stream.aggregateType} stream, yet its empty state can be cancelled`);
    }
    const position = await this.commands.handle(stream, {
      streamId: block.streamId,
      metadata: metadataOf(block.options),
      decide: (state) => [block.decide(state)],
      then: async (db, { appended }) => {
        const [cancelled] = appended.events;
        await this.reservations.apply(db, block.released(stream.decode(cancelled) as Cancelled), null);
        return appended.lastPosition;
      },
    });
    this.appendSignal.raise();
    return { position };
  }

  /**
   * Cancels the appointments the block decided to cancel, then writes the block's reservation;
   * the position of the last event written. The locks of every doctor, room and patient those
   * cancellations release are taken first, together, in the global order.
   */
  private async cancelInTheWay(db: EntityManager, occupation: Occupation, facts: BlockFacts, inTheWay: ReservedTime[], options: CommandOptions): Promise<number> {
    const cancelled = inTheWay.filter((row) => facts.cancelledAppointmentIds.includes(row.id));
    await this.reservations.lock(db, [occupation, ...cancelled.map(occupationOfRow)]);
    // The cancellations are caused by the block's command; its If-Match and Idempotency-Key are its own.
    const cancelling: CommandOptions = { commandId: options.commandId, context: options.context };
    let position = 0;
    for (const appointmentId of facts.cancelledAppointmentIds) {
      const outcome = await this.appointments.changeWithin(db, 'cancel', appointmentId, cancelling, (state) => decideCancel(facts.reason, state));
      position = Math.max(position, outcome.position);
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
    if (!isBlock(row)) return { ...time, kind: row.kind as 'appointment' | 'hold' };
    return { ...time, kind: row.kind, ...(await this.descriptions.describe(row, db)) };
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
