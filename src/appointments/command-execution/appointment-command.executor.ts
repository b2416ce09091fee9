import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../shared/clock';
import { Problem, Problems } from '../../shared/http/problem';
import { DomainError } from '../../shared/domain-error';
import { CommandOutcome as MetricOutcome, Metrics } from '../../observability/metrics';
import { AppendSignal } from '../../event-store/append-signal';
import { WrongExpectedVersion } from '../../event-store/stored-event';
import { assertVisibleTo } from '../appointment-access';
import { AppointmentResources as AppointmentViews } from '../appointment-resource';
import { AppointmentCommand, AppointmentCommandKind } from '../domain/appointment.commands';
import { decide } from '../domain/appointment.decider';
import { AppointmentNotFound, TooManyFutureBookings } from '../domain/appointment.errors';
import { Appointment, AppointmentState } from '../domain/appointment.state';
import { AppointmentRepository } from '../persistence/appointment.repository';
import { Reservations, ResourceTaken } from '../persistence/reservations';
import { CommandOptions, CommandOutcome } from './command-options';
import { IdempotencyKeys } from './idempotency-keys';

/** Builds the domain command once the current state is known (reference data looked up). */
type CommandBuilder = (state: AppointmentState, db: EntityManager) => Promise<AppointmentCommand>;

/**
 * A command that lost a race without If-Match (another append, a deadlock or serialization
 * failure reported by PostgreSQL) is run again on the fresh state, this many times at most.
 */
const MAX_ATTEMPTS = 3;

/** How a failed command ended, for the metrics. */
function outcomeOf(error: unknown): MetricOutcome {
  if (error instanceof DomainError) return error.code.endsWith('-not-found') ? 'not_found' : 'rule_broken';
  if (error instanceof Problem) {
    if (error.status === 409) return 'conflict';
    if (error.status === 412) return 'stale';
    if (error.status === 404) return 'not_found';
    if (error.status < 500) return 'invalid';
  }
  return 'error';
}

function isTransientConflict(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '40P01' || code === '40001';
}

/**
 * Runs one appointment command as one PostgreSQL transaction: claim the idempotency key, load
 * the stream, check ownership and If-Match, decide, move the reservation, append the events and
 * store the idempotent outcome. Any failure rolls all of it back: a failed command writes
 * nothing.
 */
@Injectable()
export class AppointmentCommandExecutor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AppointmentRepository,
    private readonly reservations: Reservations,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly views: AppointmentViews,
    private readonly clock: Clock,
    private readonly appendSignal: AppendSignal,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** Runs a command that starts a new stream. */
  create(appointmentId: string, options: CommandOptions, build: (db: EntityManager) => Promise<AppointmentCommand>): Promise<CommandOutcome> {
    return this.measured('book', () => this.execute(appointmentId, options, (_state, db) => build(db), 'new'));
  }

  /** Runs a command on an existing appointment; an unknown id (or another's) is a 404. */
  change(
    kind: AppointmentCommandKind,
    appointmentId: string,
    options: CommandOptions,
    build: (state: Appointment, db: EntityManager) => Promise<AppointmentCommand> | AppointmentCommand,
  ): Promise<CommandOutcome> {
    return this.measured(kind, () =>
      this.execute(appointmentId, options, async (state, db) => {
        if (state === null) throw new AppointmentNotFound(appointmentId);
        return build(state, db);
      }),
    );
  }

  private async measured(kind: AppointmentCommandKind, run: () => Promise<CommandOutcome>): Promise<CommandOutcome> {
    try {
      const outcome = await run();
      this.metrics.commandExecuted(kind, 'ok');
      return outcome;
    } catch (error) {
      this.metrics.commandExecuted(kind, outcomeOf(error));
      throw error;
    }
  }

  /**
   * `stream` 'new': the appointment id was just generated, so there is nothing to load or to
   * queue behind; appending at expected version 0 still refuses a stream that exists.
   */
  private async execute(appointmentId: string, options: CommandOptions, build: CommandBuilder, stream: 'new' | 'existing' = 'existing'): Promise<CommandOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        const appended: string[] = [];
        const outcome = await this.dataSource.transaction((db) => this.attempt(db, appointmentId, options, build, appended, stream));
        if (!outcome.replayed) {
          this.appendSignal.raise();
          this.metrics.eventsAppended(appended);
        }
        return outcome;
      } catch (error) {
        if (error instanceof WrongExpectedVersion && options.ifMatch !== undefined) {
          throw Problems.staleVersion(options.ifMatch, error.actualVersion ?? error.expectedVersion + 1);
        }
        if (error instanceof WrongExpectedVersion || isTransientConflict(error)) {
          if (attempt < MAX_ATTEMPTS) continue;
          throw Problems.concurrentChange(`Appointment ${appointmentId} was changed concurrently; retry the request`);
        }
        if (error instanceof ResourceTaken) throw await this.slotTaken(error);
        throw error;
      }
    }
  }

  private async attempt(
    db: EntityManager,
    appointmentId: string,
    options: CommandOptions,
    build: CommandBuilder,
    appended: string[],
    stream: 'new' | 'existing',
  ): Promise<CommandOutcome> {
    const { actor } = options.context;
    const { idempotency } = options;
    if (idempotency) {
      const earlier = await this.idempotencyKeys.claim(db, actor.userId, idempotency.key, idempotency.fingerprint);
      if (earlier) return earlier;
    }

    // Commands on one appointment queue here, so each decides on the state the previous one
    // left; the expected-version check of the append stays as the safety net.
    let before: AppointmentState = null;
    if (stream === 'existing') {
      await db.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`appointment:${appointmentId}`]);
      before = await this.repository.load(appointmentId, db);
    }
    if (before !== null) {
      assertVisibleTo(actor, before);
      if (options.ifMatch !== undefined && !options.ifMatch.includes(before.version)) {
        throw Problems.staleVersion(options.ifMatch, before.version);
      }
    }
    const command = await build(before, db);

    const events = decide(command, before, this.clock.now());
    appended.push(...events.map((event) => event.type));
    const { result, after } = await this.repository.append(db, appointmentId, before, events, {
      correlationId: options.context.correlationId,
      causationId: options.commandId,
      actor: { userId: actor.userId, role: actor.role },
      requestId: options.context.requestId,
    });
    await this.reservations.apply(db, before, after);
    if (command.kind === 'book') await this.assertBookingLimit(db, after.patientId);

    const outcome: CommandOutcome = {
      status: before === null ? 201 : 200,
      appointment: await this.views.of(after, db),
      position: result.lastPosition,
      replayed: false,
    };
    if (idempotency) await this.idempotencyKeys.store(db, actor.userId, idempotency.key, idempotency.fingerprint, outcome);
    return outcome;
  }

  /**
   * A patient may hold at most PATIENT_MAX_FUTURE_BOOKINGS upcoming appointments. Counted after
   * the reservation is written, under the patient's reservation lock, so that concurrent
   * bookings by one patient cannot slip past the limit together.
   */
  private async assertBookingLimit(db: EntityManager, patientId: string): Promise<void> {
    const [{ upcoming }] = await db.query(
      `select count(*)::int as upcoming from reservations where patient_id = $1 and upper(during) > $2`,
      [patientId, this.clock.now()],
    );
    if (upcoming > this.config.patientMaxFutureBookings) throw new TooManyFutureBookings(patientId, this.config.patientMaxFutureBookings);
  }

  /** Names the doctor, room or patient that is not free, for the 409's detail. */
  private async slotTaken({ resource, wanted }: ResourceTaken) {
    const table = { doctor: 'doctors', room: 'rooms', patient: 'patients' }[resource];
    const id = { doctor: wanted.doctorId, room: wanted.roomId, patient: wanted.patientId }[resource];
    const [row]: Array<{ name: string }> = await this.dataSource.query(`select name from ${table} where id = $1`, [id]);
    const who = `${resource === 'doctor' ? 'Doctor' : resource === 'room' ? 'Room' : 'Patient'} ${row?.name ?? id}`;
    return Problems.slotTaken(`${who} already has an appointment overlapping ${wanted.start} to ${wanted.end} (buffers included)`, resource);
  }
}
