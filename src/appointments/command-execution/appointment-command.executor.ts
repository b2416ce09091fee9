import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AppendSignal } from '../../event-store/append-signal';
import { ConcurrentChange } from '../../event-store/command-errors';
import { CommandHandling } from '../../event-store/command-handling';
import { CommandMetricOutcome, Metrics } from '../../observability/metrics';
import { Clock } from '../../shared/clock';
import { DomainError, ErrorKind } from '../../shared/domain-error';
import { assertChangeableBy } from '../appointment-access';
import { AppointmentResources } from '../appointment-resource';
import { SlotTaken, TooManyFutureBookings } from '../domain/appointment.errors';
import { BlockDescriptions, isBlock } from '../../reservations/block-descriptions';
import { Holders, Reservations, ResourceTaken } from '../../reservations/reservations';
import { AppointmentEvent } from '../domain/appointment.events';
import { Appointment, AppointmentState } from '../domain/appointment.state';
import { AppointmentStream } from '../persistence/appointment-stream';
import { occupationOf } from '../persistence/appointment-occupation';
import { CommandOptions, CommandOutcome } from './command-options';
import { IdempotencyKeys } from './idempotency-keys';

/** The kinds of appointment command, as the metrics name them. */
export type AppointmentCommandKind = 'book' | 'reschedule' | 'reassign' | 'check-in' | 'complete' | 'mark-no-show' | 'cancel';

/** A use case's decision on a loaded appointment: pure, given the reference data it looked up in `db`. */
export type DecideChange = (state: Appointment, db: EntityManager, now: Date) => Promise<AppointmentEvent[]> | AppointmentEvent[];

const OUTCOME_OF_KIND: Record<ErrorKind, CommandMetricOutcome> = {
  'not-found': 'not_found',
  forbidden: 'invalid',
  conflict: 'conflict',
  stale: 'stale',
  'rule-broken': 'rule_broken',
};

/** How a failed command ended, for the metrics: by the error's kind, never by its wording. */
function outcomeOf(error: unknown): CommandMetricOutcome {
  return error instanceof DomainError ? OUTCOME_OF_KIND[error.kind] : 'error';
}

/**
 * Runs one appointment command through the generic command handling, in one PostgreSQL
 * transaction: claim the idempotency key, load the stream, check who may act and If-Match,
 * decide (the use case's own rule), append, move the reservation, check the patient's booking
 * limit and store the idempotent outcome. Any failure rolls all of it back: a failed command
 * writes nothing.
 */
@Injectable()
export class AppointmentCommandExecutor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: CommandHandling,
    private readonly stream: AppointmentStream,
    private readonly reservations: Reservations,
    private readonly blocks: BlockDescriptions,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly resources: AppointmentResources,
    private readonly clock: Clock,
    private readonly appendSignal: AppendSignal,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** Runs a booking: a new stream under the id given, for the doctor, room and patient named. */
  book(
    appointmentId: string,
    options: CommandOptions,
    holders: { doctorId: string; roomId: string; patientId: string },
    decide: (db: EntityManager, now: Date) => Promise<AppointmentEvent[]>,
  ): Promise<CommandOutcome> {
    return this.run('book', appointmentId, options, (_state, db, now) => decide(db, now), undefined, { kind: 'appointment', ...holders });
  }

  /** Runs a command on an existing appointment; an unknown id (or another's) is not found. */
  change(kind: Exclude<AppointmentCommandKind, 'book'>, appointmentId: string, options: CommandOptions, decide: DecideChange): Promise<CommandOutcome> {
    return this.run(kind, appointmentId, options, (state, db, now) => decide(state as Appointment, db, now));
  }

  /**
   * Runs a command on an existing appointment inside the caller's transaction: one of several
   * writes that commit together or not at all (the appointments a block cancels).
   */
  changeWithin(db: EntityManager, kind: Exclude<AppointmentCommandKind, 'book'>, appointmentId: string, options: CommandOptions, decide: DecideChange): Promise<CommandOutcome> {
    return this.run(kind, appointmentId, options, (state, tx, now) => decide(state as Appointment, tx, now), db);
  }

  private async run(
    kind: AppointmentCommandKind,
    appointmentId: string,
    options: CommandOptions,
    decide: (state: AppointmentState, db: EntityManager, now: Date) => Promise<AppointmentEvent[]> | AppointmentEvent[],
    within?: EntityManager,
    bookingHolders?: Holders,
  ): Promise<CommandOutcome> {
    const { actor } = options.context;
    const { idempotency } = options;
    const appended: string[] = [];
    try {
      const outcome = await this.commands.handle(this.stream, {
        streamId: appointmentId,
        newStream: kind === 'book',
        expectedVersions: options.ifMatch,
        metadata: {
          correlationId: options.context.correlationId,
          causationId: options.commandId,
          actor: { userId: actor.userId, role: actor.role },
          requestId: options.context.requestId,
        },
        precheck: idempotency ? async (db) => (await this.idempotencyKeys.claim(db, actor.userId, idempotency.key, idempotency.fingerprint)) ?? undefined : undefined,
        guard: kind === 'book' ? undefined : (state) => assertChangeableBy(actor, appointmentId, state),
        decide: async (state, db) => {
          // The reservation locks are taken before the decision reads the working hours: a change
          // of the doctor's hours (which takes the doctor's lock) then either sees this booking or
          // is seen by it, and the appointments it reports outside the new hours are all of them.
          const holders = occupationOf(state) ?? bookingHolders;
          if (holders) await this.reservations.lock(db, [holders]);
          return decide(state, db, this.clock.now());
        },
        then: async (db, { before, after, appended: result }) => {
          const appointment = after as Appointment;
          appended.splice(0, appended.length, ...result.events.map((event) => event.type));
          await this.reservations.apply(db, occupationOf(before), occupationOf(appointment));
          if (kind === 'book') await this.assertBookingLimit(db, appointment.patientId);
          const outcome: CommandOutcome = { created: kind === 'book', appointment: await this.resources.of(appointment, db), position: result.lastPosition, replayed: false };
          if (idempotency) await this.idempotencyKeys.store(db, actor.userId, idempotency.key, idempotency.fingerprint, outcome);
          return outcome;
        },
      }, within);
      if (!outcome.replayed) {
        this.appendSignal.raise();
        this.metrics.eventsAppended(appended);
      }
      this.metrics.commandExecuted(kind, 'ok');
      return outcome;
    } catch (caught) {
      const error = caught instanceof ResourceTaken ? await this.conflictOf(caught) : caught;
      this.metrics.commandExecuted(kind, outcomeOf(error));
      throw error;
    }
  }

  /**
   * A patient may hold at most PATIENT_MAX_FUTURE_BOOKINGS upcoming appointments. Counted after
   * the reservation is written, under the patient's reservation lock, so that concurrent
   * bookings by one patient cannot slip past the limit together.
   */
  private async assertBookingLimit(db: EntityManager, patientId: string): Promise<void> {
    const [{ upcoming }]: Array<{ upcoming: number }> = await db.query(
      `select count(*)::int as upcoming from reservations where patient_id = $1 and kind = 'appointment' and upper(during) > $2`,
      [patientId, this.clock.now()],
    );
    if (upcoming > this.config.patientMaxFutureBookings) throw new TooManyFutureBookings(patientId, this.config.patientMaxFutureBookings);
  }

  /**
   * The conflict of a slot that is not free: a block of the schedule in the way is named with its
   * local time; otherwise the doctor, room or patient whose appointment (or hold) is in the way.
   */
  private async conflictOf(taken: ResourceTaken): Promise<Error> {
    const rival = await this.reservations.blocking(this.dataSource.manager, taken);
    if (rival && isBlock(rival)) return this.blocks.conflictOf(rival);
    const { resource, wanted } = taken;
    // Only a closure holds the clinic; one gone meanwhile leaves a race to try again.
    if (resource === 'clinic') return new ConcurrentChange('Appointment', wanted.id);
    const table = { doctor: 'doctors', room: 'rooms', patient: 'patients' }[resource];
    const id = { doctor: wanted.doctorId, room: wanted.roomId, patient: wanted.patientId }[resource];
    // The row may be gone (the name is only for the message): the id stands in for it then.
    const [row]: Array<{ name: string } | undefined> = await this.dataSource.query(`select name from ${table} where id = $1`, [id]);
    const who = `${resource === 'doctor' ? 'Doctor' : resource === 'room' ? 'Room' : 'Patient'} ${row?.name ?? id}`;
    return new SlotTaken(resource, who, wanted.start, wanted.end);
  }
}
