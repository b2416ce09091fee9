import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ConcurrentChange } from '../../event-store/command-errors';
import { COMMIT_ERROR, HoursAssumed, SqlRead } from '../../event-store/command-commit';
import { CommandHandling } from '../../event-store/command-handling';
import { outcomeOf } from '../../observability/command-outcome';
import { Metrics } from '../../observability/metrics';
import { Clock } from '../../shared/clock';
import { assertChangeableBy } from '../appointment-access';
import { appointmentResourceFromState, AppointmentResources } from '../appointment-resource';
import { SlotTaken, TooManyFutureBookings } from '../domain/appointment.errors';
import { ReferenceNames } from '../reference-names';
import { BlockDescriptions, isBlock } from '../../reservations/block-descriptions';
import { Occupation, Reservations, ResourceTaken } from '../../reservations/reservations';
import { AppointmentEvent } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { AppointmentStream } from '../persistence/appointment-stream';
import { occupationOf } from '../persistence/appointment-occupation';
import { CommandOptions, CommandOutcome, metadataOf } from './command-options';
import { IdempotencyKeyInFlight, IdempotencyKeys } from './idempotency-keys';
import { ReferenceRead } from './reference-reads';
import { TransactionAppends } from './transaction-appends';

/** The kinds of appointment command, as the metrics name them. */
export type AppointmentCommandKind = 'book' | 'reschedule' | 'reassign' | 'check-in' | 'complete' | 'mark-no-show' | 'cancel';

/** The reference reads of a decision, by name. */
export type Lookups = Record<string, ReferenceRead<unknown>>;

/** What the reads of `L` found, by the same names. */
export type Looked<L extends Lookups> = { [K in keyof L]: L[K] extends ReferenceRead<infer T> ? T : never };

/**
 * A use case's decision on a loaded appointment: the reference data it needs (read in one
 * statement with the appointment's personal-data keys, given the appointment as stored: its
 * ids, times and status are plaintext) and the pure decision on it. `named` lists the records
 * the change may move the appointment to, whose names its response shows.
 */
export interface AppointmentChange<L extends Lookups> {
  lookups?(stored: Appointment): L;
  named?: { doctorIds?: readonly string[]; roomIds?: readonly string[] };
  decide(state: Appointment, looked: Looked<L>, now: Date): AppointmentEvent[];
}

/** A decision that reads no reference data. */
export type DecideChange = (state: Appointment, now: Date) => AppointmentEvent[];

/** A booking: the reference data it reads (known from the request) and the pure decision on it. */
export interface BookingDecision<L extends Lookups> {
  holders: { doctorId: string; roomId: string; patientId: string; appointmentTypeId: string };
  lookups: L;
  decide(looked: Looked<L>, now: Date): AppointmentEvent[];
  /** The caller counts the patient's booking limit itself, once for several bookings of its transaction (a series counts as one). */
  limitCountedByCaller?: boolean;
}

/** The names of the records of some ids, as a read of the command (`{ doctor: { id: name }, ... }`). */
function namesRead(ids: { doctorIds: readonly string[]; patientIds: readonly string[]; roomIds: readonly string[]; appointmentTypeIds: readonly string[] }): SqlRead {
  return {
    sql: `(select json_build_object(
            'doctor', (select coalesce(json_object_agg(id, name), '{}'::json) from doctors where id = any($1::uuid[])),
            'patient', (select coalesce(json_object_agg(id, name), '{}'::json) from patients where id = any($2::uuid[])),
            'room', (select coalesce(json_object_agg(id, name), '{}'::json) from rooms where id = any($3::uuid[])),
            'appointmentType', (select coalesce(json_object_agg(id, name), '{}'::json) from appointment_types where id = any($4::uuid[]))))`,
    params: [[...new Set(ids.doctorIds)], [...new Set(ids.patientIds)], [...new Set(ids.roomIds)], [...new Set(ids.appointmentTypeIds)]],
  };
}

type NamesFound = Record<keyof ReferenceNames, Record<string, string>>;

/** The names of an appointment's records from a names read; undefined if the read did not cover one of its ids. */
function namesFrom(found: NamesFound | undefined, asked: ReadonlyArray<readonly string[]>, state: Appointment): ReferenceNames | undefined {
  if (!found) return undefined;
  const [doctorIds, patientIds, roomIds, appointmentTypeIds] = asked;
  const covered = doctorIds.includes(state.doctorId) && patientIds.includes(state.patientId) && roomIds.includes(state.roomId) && appointmentTypeIds.includes(state.appointmentTypeId);
  if (!covered) return undefined;
  return {
    doctor: found.doctor[state.doctorId] ?? null,
    patient: found.patient[state.patientId] ?? null,
    room: found.room[state.roomId] ?? null,
    appointmentType: found.appointmentType[state.appointmentTypeId] ?? null,
  };
}

/** A decision as a change; one that reads nothing has no lookups. */
function changeOf(change: AppointmentChange<Lookups> | DecideChange): AppointmentChange<Lookups> {
  if (typeof change === 'function') return { decide: (state, _looked, now) => change(state, now) };
  return change;
}

/**
 * Runs one appointment command through the generic command handling (CommandHandling.run): one
 * statement reads what the decision needs (a stored outcome of the Idempotency-Key, the stream,
 * the reference data with the working hours in force, the patient's personal-data key, the
 * names the response shows), the use case decides (pure), and one call of the commit function
 * writes it all: the append at the expected version, the reservation move under the doctor's,
 * room's and patient's locks and the exclusion constraints, the patient's booking limit counted
 * after it, and the idempotent outcome. The commit re-checks under those locks the working
 * hours the decision took (a change of hours racing the command either lists it outside the new
 * hours or is seen by it). Any failure rolls all of it back: a failed command writes nothing.
 *
 * A command run `within` a caller's transaction records what it appended in TransactionAppends,
 * for the caller to tell once it has committed, and reports a slot taken as the ResourceTaken
 * itself: the caller's transaction is aborted then, and naming the conflict (conflictOf) is for
 * after its rollback, never on a second connection while the caller holds its locks.
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
    private readonly appends: TransactionAppends,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** Runs a booking: a new stream under the id given, for the doctor, room and patient named. */
  book<L extends Lookups>(appointmentId: string, options: CommandOptions, booking: BookingDecision<L>): Promise<CommandOutcome> {
    return this.runBooking(appointmentId, options, booking);
  }

  /**
   * Runs a booking inside the caller's transaction: one of several writes that commit together
   * or not at all (a hold converted into its appointment, the occurrences of a series).
   */
  bookWithin<L extends Lookups>(db: EntityManager, appointmentId: string, options: CommandOptions, booking: BookingDecision<L>): Promise<CommandOutcome> {
    return this.runBooking(appointmentId, options, booking, db);
  }

  private runBooking<L extends Lookups>(appointmentId: string, options: CommandOptions, booking: BookingDecision<L>, within?: EntityManager): Promise<CommandOutcome> {
    const change: AppointmentChange<Lookups> = { decide: (_state, looked, now) => booking.decide(looked as Looked<L>, now) };
    return this.run('book', appointmentId, options, change, within, booking);
  }

  /** Runs a command on an existing appointment; an unknown id (or another's) is not found. */
  change<L extends Lookups>(kind: Exclude<AppointmentCommandKind, 'book'>, appointmentId: string, options: CommandOptions, change: AppointmentChange<L> | DecideChange): Promise<CommandOutcome> {
    return this.run(kind, appointmentId, options, changeOf(change));
  }

  /**
   * Runs a command on an existing appointment inside the caller's transaction: one of several
   * writes that commit together or not at all (the appointments a block cancels).
   */
  changeWithin<L extends Lookups>(db: EntityManager, kind: Exclude<AppointmentCommandKind, 'book'>, appointmentId: string, options: CommandOptions, change: AppointmentChange<L> | DecideChange): Promise<CommandOutcome> {
    return this.run(kind, appointmentId, options, changeOf(change), db);
  }

  private async run(
    kind: AppointmentCommandKind,
    appointmentId: string,
    options: CommandOptions,
    change: AppointmentChange<Lookups>,
    within?: EntityManager,
    booking?: Omit<BookingDecision<Lookups>, 'decide'>,
  ): Promise<CommandOutcome> {
    const { actor } = options.context;
    const { idempotency } = options;
    const appended: string[] = [];
    let wanted: Occupation | null = null;
    let hoursAssumed: HoursAssumed[] = [];
    let asked: string[][] = [[], [], [], []];
    let namesFound: NamesFound | undefined;
    let planned: CommandOutcome | undefined;
    const readsOf = (reads: Lookups) => Object.fromEntries(Object.entries(reads).map(([name, lookup]) => [`lookup:${name}`, lookup.read]));
    const namesOf = (ids: { doctorIds: string[]; patientIds: string[]; roomIds: string[]; appointmentTypeIds: string[] }) => {
      asked = [ids.doctorIds, ids.patientIds, ids.roomIds, ids.appointmentTypeIds];
      return namesRead(ids);
    };
    // A booking's reads are known from the request; a change's once its appointment is read.
    let lookups: Lookups = booking?.lookups ?? {};
    try {
      const outcome = await this.commands.run(
        this.stream,
        {
          streamId: appointmentId,
          newStream: kind === 'book',
          expectedVersions: options.ifMatch,
          metadata: metadataOf(options),
          reads: {
            ...(idempotency ? { idempotency: this.idempotencyKeys.storedRead(actor.userId, idempotency.key) } : {}),
            ...(booking
              ? { ...readsOf(lookups), names: namesOf({ doctorIds: [booking.holders.doctorId], patientIds: [booking.holders.patientId], roomIds: [booking.holders.roomId], appointmentTypeIds: [booking.holders.appointmentTypeId] }) }
              : {}),
          },
          precheck: idempotency ? (read) => this.idempotencyKeys.replayed(read.idempotency, idempotency.fingerprint) : undefined,
          readsOnState: (stored) => {
            if (!stored) return {};
            lookups = change.lookups?.(stored) ?? {};
            return {
              ...readsOf(lookups),
              names: namesOf({
                doctorIds: [stored.doctorId, ...(change.named?.doctorIds ?? [])],
                patientIds: [stored.patientId],
                roomIds: [stored.roomId, ...(change.named?.roomIds ?? [])],
                appointmentTypeIds: [stored.appointmentTypeId],
              }),
            };
          },
          sealsFor: (state) => [state?.patientId ?? booking?.holders.patientId].filter((id): id is string => id !== undefined),
          guard: kind === 'book' ? undefined : (state) => assertChangeableBy(actor, appointmentId, state),
          decide: (state, read) => {
            namesFound = read.names as NamesFound | undefined;
            const looked: Record<string, unknown> = {};
            hoursAssumed = [];
            for (const [name, lookup] of Object.entries(lookups)) {
              looked[name] = lookup.parse(read[`lookup:${name}`] ?? null);
              hoursAssumed.push(...(lookup.hoursAssumed?.(looked[name]) ?? []));
            }
            return change.decide(state as Appointment, looked, this.clock.now());
          },
          writes: async ({ before, after }) => {
            const appointment = after as Appointment;
            wanted = occupationOf(appointment);
            // The names were read with the decision's reads; a record it did not foresee is looked up now.
            const names = namesFrom(namesFound, asked, appointment);
            const resource = names ? appointmentResourceFromState(appointment, names) : await this.resources.of(appointment);
            const outcome: CommandOutcome = { created: kind === 'book', appointment: resource, position: 0, replayed: false };
            planned = outcome;
            return {
              ...this.reservations.commitSections(occupationOf(before), wanted),
              workingHours: hoursAssumed,
              ...(kind === 'book' && !booking?.limitCountedByCaller ? { bookingLimit: { patientId: (after as Appointment).patientId, now: this.clock.now().toISOString(), max: this.config.patientMaxFutureBookings } } : {}),
              ...(idempotency ? { idempotency: this.idempotencyKeys.commitSection(actor.userId, idempotency.key, idempotency.fingerprint, outcome) } : {}),
            };
          },
          result: ({ appended: result }) => {
            appended.splice(0, appended.length, ...result.events.map((event) => event.type));
            return { ...(planned as CommandOutcome), position: result.lastPosition };
          },
        },
        within,
      );
      if (!outcome.replayed) {
        if (within) this.appends.record(within, appended);
        else this.appends.committed(undefined, appended);
      }
      this.metrics.commandExecuted(kind, 'ok');
      return outcome;
    } catch (caught) {
      const error = await this.failureOf(caught, wanted, within === undefined);
      this.metrics.commandExecuted(kind, outcomeOf(error));
      throw error;
    }
  }

  /**
   * The typed error of a failed command. The commit function refuses: a key whose first request
   * is in flight (409); more than PATIENT_MAX_FUTURE_BOOKINGS upcoming appointments of the
   * patient, counted after the reservation is written, under the patient's reservation lock, so
   * that concurrent bookings by one patient cannot slip past the limit together; and a slot
   * taken, by an exclusion constraint (named only when `named`, the command's transaction over).
   */
  private async failureOf(caught: unknown, wanted: Occupation | null, named: boolean): Promise<unknown> {
    const { code } = caught as { code?: string };
    if (code === COMMIT_ERROR.IDEMPOTENCY_KEY_IN_FLIGHT) return new IdempotencyKeyInFlight();
    if (code === COMMIT_ERROR.BOOKING_LIMIT && wanted?.patientId) return new TooManyFutureBookings(wanted.patientId, this.config.patientMaxFutureBookings);
    const taken = caught instanceof ResourceTaken ? caught : this.reservations.taken(caught, wanted);
    if (!taken) return caught;
    return named ? await this.conflictOf(taken) : taken;
  }

  /**
   * The conflict of a slot that is not free: a block of the schedule in the way is named with its
   * local time; otherwise the doctor, room or patient whose appointment (or hold) is in the way.
   * A hold refused by the same constraints is named the same way (SlotHolds). Read outside any
   * transaction, or on `db`, a transaction usable again (rolled back to a savepoint).
   */
  async conflictOf(taken: ResourceTaken, db: EntityManager = this.dataSource.manager): Promise<Error> {
    const rival = await this.reservations.blocking(db, taken);
    if (rival && isBlock(rival)) return this.blocks.conflictOf(rival, db);
    const { resource, wanted } = taken;
    // Only a closure holds the clinic; one gone meanwhile leaves a race to try again.
    if (resource === 'clinic') return new ConcurrentChange('Appointment', wanted.id);
    const table = { doctor: 'doctors', room: 'rooms', patient: 'patients' }[resource];
    const id = { doctor: wanted.doctorId, room: wanted.roomId, patient: wanted.patientId }[resource];
    // The row may be gone (the name is only for the message): the id stands in for it then.
    const [row]: Array<{ name: string } | undefined> = await db.query(`select name from ${table} where id = $1`, [id]);
    const who = `${resource === 'doctor' ? 'Doctor' : resource === 'room' ? 'Room' : 'Patient'} ${row?.name ?? id}`;
    return new SlotTaken(resource, who, wanted.start, wanted.end);
  }
}
