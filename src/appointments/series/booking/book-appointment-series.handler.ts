import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { CommandHandling } from '../../../event-store/command-handling';
import { Occupation, Reservations, ResourceTaken } from '../../../reservations/reservations';
import { NotAllowed } from '../../../shared/application-errors';
import { Clock } from '../../../shared/clock';
import { AppointmentCommandExecutor } from '../../command-execution/appointment-command.executor';
import { metadataOf } from '../../command-execution/command-options';
import { fixedStatusOutcomes, IdempotencyKeys } from '../../command-execution/idempotency-keys';
import { referenceReads } from '../../command-execution/reference-reads';
import { TransactionAppends } from '../../command-execution/transaction-appends';
import { AppointmentTypeTerms } from '../../domain/appointment-rules';
import { TooManyFutureBookings } from '../../domain/appointment.errors';
import { DoctorHours, WorkingHours } from '../../domain/working-hours';
import { PlannedOccurrence } from '../recurrence';
import { SERIES_STREAM } from '../series-stream';
import { occurrenceOptions } from '../series-transactions';
import { BookAppointmentSeries, decideOccurrence, decideSeriesBooking, OccurrenceFindings, planOccurrences, SeriesBookingOutcome, SeriesBookingRequest } from './book-appointment-series';
import { OccurrenceConflicts, SeriesNames } from './occurrence-conflicts';

/** A booked series as its Idempotency-Key keeps it: the first answer was a 201. */
const BOOKED_OUTCOMES = fixedStatusOutcomes<SeriesBookingOutcome>(201);

/** An occurrence with the appointment id it is booked under. */
type Occurrence = PlannedOccurrence & { appointmentId: string };

/**
 * Books a series in one PostgreSQL transaction, all of it or nothing:
 *
 * 1. claim the Idempotency-Key, if one was sent (a finished request's outcome is answered again);
 * 2. read what the series refers to (unknown or retired: 422) and plan the occurrences on the
 *    doctor's clock;
 * 3. take the reservation locks of the doctor, room and patient (the clinic's shared, as every
 *    booking does), so that from here on nothing can book, block or change hours in their way;
 * 4. read, under those locks, the working hours in force on every occurrence's date and
 *    everything in every occurrence's way; the pure decision refuses the series with every
 *    occurrence outside the hours (422) or every conflict (409), else records it;
 * 5. append AppointmentSeriesBooked, then book each occurrence as an ordinary appointment in the
 *    same transaction (its AppointmentCreated names the series; the exclusion constraints check
 *    its reservation once more), and mark their reservations as the series';
 * 6. count the patient's booking limit once for the whole series (a series counts as one
 *    booking: upcoming_bookings), under the patient's lock, and store the outcome with the key.
 *
 * Its events are told (TransactionAppends) once the transaction has committed: a series refused
 * after its occurrences were written appended nothing. An occurrence's reservation refused by the
 * constraints after all (a race the reads under the locks did not see) is named after the
 * rollback.
 */
@CommandHandler(BookAppointmentSeries)
export class BookAppointmentSeriesHandler implements ICommandHandler<BookAppointmentSeries> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly reservations: Reservations,
    private readonly conflicts: OccurrenceConflicts,
    private readonly executor: AppointmentCommandExecutor,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly clock: Clock,
    private readonly appends: TransactionAppends,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ seriesId, request, options }: BookAppointmentSeries): Promise<SeriesBookingOutcome> {
    const { actor } = options.context;
    if (actor.role === 'patient' && actor.patientId !== request.patientId) throw new NotAllowed('A patient can only book a series for themselves');
    const idempotency = this.idempotencyKeys.idempotencyOf(options, BOOKED_OUTCOMES);
    let occurrences: Occurrence[] = [];
    let transaction: EntityManager | undefined;
    try {
      const outcome = await this.commands.handle(SERIES_STREAM, {
        streamId: seriesId,
        newStream: true,
        metadata: metadataOf(options),
        precheck: idempotency?.claim,
        decide: async (_state, db) => {
          const { doctor, appointmentType } = await this.terms(db, request);
          occurrences = planOccurrences(request, doctor.timezone, appointmentType.durationMinutes).map((planned) => ({ ...planned, appointmentId: randomUUID() }));
          const occupations = occurrences.map((occurrence) => occupationOf(request, appointmentType, occurrence));
          await this.reservations.lock(db, occupations);
          const findings = await this.findings(db, request, doctor, occurrences, occupations);
          return [decideSeriesBooking({ seriesId, request, doctor, appointmentType, occurrences: findings }, this.clock.now())];
        },
        then: async (db, { appended }) => {
          transaction = db;
          this.appends.record(db, appended.events.map((event) => event.type));
          const booked = await this.bookOccurrences(db, seriesId, request, occurrences, options);
          await this.assertWithinBookingLimit(db, request.patientId);
          const result: SeriesBookingOutcome = {
            id: seriesId,
            appointments: booked.map(({ appointment }) => appointment),
            position: Math.max(appended.lastPosition, ...booked.map(({ position }) => position)),
            replayed: false,
          };
          await idempotency?.store(db, result);
          return result;
        },
      });
      if (!outcome.replayed) this.appends.committed(transaction);
      return outcome;
    } catch (error) {
      throw error instanceof ResourceTaken ? await this.executor.conflictOf(error) : error;
    }
  }

  /** The doctor (zone; hours of the first date) and the type's terms, with every record referred to known and active. */
  private async terms(db: EntityManager, request: SeriesBookingRequest): Promise<{ doctor: DoctorHours; appointmentType: AppointmentTypeTerms }> {
    const terms = referenceReads.booking(request);
    const [{ value }]: Array<{ value: unknown }> = await db.query(`select ${terms.read.sql} as value`, [...terms.read.params]);
    return terms.parse(value);
  }

  /** Per occurrence, read under the reservation locks: the doctor's hours in force on its date and what is in its way. */
  private async findings(db: EntityManager, request: SeriesBookingRequest, doctor: DoctorHours, occurrences: Occurrence[], occupations: Occupation[]): Promise<OccurrenceFindings[]> {
    const [{ hours }]: Array<{ hours: WorkingHours[] }> = await db.query(
      `select coalesce(json_agg(working_hours_in_force($1::uuid, local_date) order by n), '[]'::json) as hours
       from unnest($2::date[]) with ordinality as t(local_date, n)`,
      [doctor.id, occurrences.map((occurrence) => occurrence.localDate)],
    );
    const names = await this.namesOf(db, request);
    const findings: OccurrenceFindings[] = [];
    for (const [i, occurrence] of occurrences.entries()) {
      const rivals = await this.reservations.inTheWay(db, occupations[i]);
      const inTheWay = await Promise.all(rivals.map((rival) => this.conflicts.describe(db, occupations[i], rival, names)));
      findings.push({ appointmentId: occurrence.appointmentId, start: occurrence.start, end: occurrence.end, workingHours: hours[i], inTheWay });
    }
    return findings;
  }

  private async namesOf(db: EntityManager, request: SeriesBookingRequest): Promise<SeriesNames> {
    const [row]: Array<{ doctor: string; room: string; patient: string }> = await db.query(
      `select (select name from doctors where id = $1) as doctor, (select name from rooms where id = $2) as room, (select name from patients where id = $3) as patient`,
      [request.doctorId, request.roomId, request.patientId],
    );
    return row;
  }

  /** Books every occurrence as an appointment of its own in the series' transaction, then marks their reservations as the series'. */
  private async bookOccurrences(db: EntityManager, seriesId: string, request: SeriesBookingRequest, occurrences: Occurrence[], options: BookAppointmentSeries['options']) {
    const { doctorId, roomId, patientId, appointmentTypeId, title } = request;
    const booked = [];
    for (const { appointmentId, start, end } of occurrences) {
      booked.push(
        await this.executor.bookWithin(db, appointmentId, occurrenceOptions(options), {
          holders: { doctorId, roomId, patientId, appointmentTypeId },
          lookups: { terms: referenceReads.booking({ ...request, start }) },
          limitCountedByCaller: true,
          decide: ({ terms: { doctor, appointmentType } }, now) => decideOccurrence({ appointmentId, patientId, roomId, start, end, title, doctor, appointmentType }, seriesId, now),
        }),
      );
    }
    await db.query(`update reservations set series_id = $1 where reserved_by = any($2::uuid[])`, [seriesId, occurrences.map((occurrence) => occurrence.appointmentId)]);
    return booked;
  }

  /** PATIENT_MAX_FUTURE_BOOKINGS, with this series (and every other) counted once; the patient's reservation lock is held. */
  private async assertWithinBookingLimit(db: EntityManager, patientId: string): Promise<void> {
    const [{ upcoming }]: Array<{ upcoming: number }> = await db.query(`select upcoming_bookings($1::uuid, $2::timestamptz) as upcoming`, [patientId, this.clock.now()]);
    if (upcoming > this.config.patientMaxFutureBookings) throw new TooManyFutureBookings(patientId, this.config.patientMaxFutureBookings);
  }
}

/** The time an occurrence takes in the reservations table, as its appointment's will. */
function occupationOf(request: SeriesBookingRequest, type: AppointmentTypeTerms, occurrence: Occurrence): Occupation {
  return {
    id: occurrence.appointmentId,
    kind: 'appointment',
    doctorId: request.doctorId,
    roomId: request.roomId,
    patientId: request.patientId,
    start: occurrence.start.toISOString(),
    end: occurrence.end.toISOString(),
    bufferBeforeMinutes: type.bufferBeforeMinutes,
    bufferAfterMinutes: type.bufferAfterMinutes,
  };
}
