import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import { CommandHandling } from '../../../event-store/command-handling';
import { Reservations } from '../../../reservations/reservations';
import { Clock } from '../../../shared/clock';
import { decideCancel } from '../../cancelling/cancel-appointment';
import { AppointmentCommandExecutor } from '../../command-execution/appointment-command.executor';
import { metadataOf } from '../../command-execution/command-options';
import { fixedStatusOutcomes, IdempotencyKeys } from '../../command-execution/idempotency-keys';
import { TransactionAppends } from '../../command-execution/transaction-appends';
import { APPOINTMENT_AGGREGATE_TYPE } from '../../domain/appointment.events';
import { Appointment } from '../../domain/appointment.state';
import { AppointmentSeriesCancelled } from '../../domain/series.events';
import { occupationOf } from '../../persistence/appointment-occupation';
import { AppointmentStream } from '../../persistence/appointment-stream';
import { SERIES_STREAM } from '../series-stream';
import { seriesVisibleTo } from '../series-access';
import { occurrenceOptions } from '../series-transactions';
import { CancelAppointmentSeries, decideSeriesCancellation, SeriesCancellationOutcome } from './cancel-appointment-series';

/** A series cancellation as its Idempotency-Key keeps it: the first answer was a 200. */
const CANCELLED_OUTCOMES = fixedStatusOutcomes<SeriesCancellationOutcome>(200);

/**
 * Cancels a series from a date on in one PostgreSQL transaction: queued behind the series'
 * stream lock, it tries the stream locks of every occurrence without waiting (a command on one
 * of them may be waiting for a reservation lock; a busy one runs the cancellation again, see
 * CommandHandling.tryLockStreams), reads their states, decides (pure), appends
 * AppointmentSeriesCancelled, then takes the reservation locks of every occurrence it cancels
 * together, in the global order, and cancels each with the series' reason as an appointment
 * command of its own. The occurrences' AppointmentCancelled events and the series' event share
 * one transaction (one transaction_id): a reader tells an occurrence cancelled with its series
 * from one cancelled alone by that; they are told (TransactionAppends) once it has committed.
 */
@CommandHandler(CancelAppointmentSeries)
export class CancelAppointmentSeriesHandler implements ICommandHandler<CancelAppointmentSeries> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly appointmentStream: AppointmentStream,
    private readonly reservations: Reservations,
    private readonly executor: AppointmentCommandExecutor,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly clock: Clock,
    private readonly appends: TransactionAppends,
  ) {}

  async execute({ seriesId, request, options }: CancelAppointmentSeries): Promise<SeriesCancellationOutcome> {
    const { actor } = options.context;
    const idempotency = this.idempotencyKeys.idempotencyOf(options, CANCELLED_OUTCOMES);
    let cancelled: Appointment[] = [];
    let decided: AppointmentSeriesCancelled['data'] | undefined;
    let transaction: EntityManager | undefined;
    const outcome = await this.commands.handle(SERIES_STREAM, {
      streamId: seriesId,
      metadata: metadataOf(options),
      precheck: idempotency?.claim,
      guard: (state) => void seriesVisibleTo(actor, seriesId, state),
      decide: async (state, db) => {
        const series = seriesVisibleTo(actor, seriesId, state);
        const ids = series.occurrences.map((occurrence) => occurrence.appointmentId);
        await this.commands.tryLockStreams(db, { aggregateType: APPOINTMENT_AGGREGATE_TYPE }, ids);
        const occurrences: Appointment[] = [];
        for (const id of ids) {
          const { state: occurrence } = await this.commands.load(this.appointmentStream, id, db);
          if (occurrence) occurrences.push(occurrence);
        }
        const event = decideSeriesCancellation(series, occurrences, request, this.clock.now());
        cancelled = occurrences.filter((occurrence) => event.data.cancelledAppointmentIds.includes(occurrence.id));
        decided = event.data;
        return [event];
      },
      then: async (db, { appended }) => {
        transaction = db;
        this.appends.record(db, appended.events.map((event) => event.type));
        const data = decided as AppointmentSeriesCancelled['data'];
        await this.reservations.lock(db, cancelled.map(occupationOf));
        let position = appended.lastPosition;
        for (const appointmentId of data.cancelledAppointmentIds) {
          const done = await this.executor.changeWithin(db, 'cancel', appointmentId, occurrenceOptions(options), (state) => decideCancel(request.reason, state));
          position = Math.max(position, done.position);
        }
        const result: SeriesCancellationOutcome = { id: seriesId, from: data.from, reason: request.reason, cancelledAppointmentIds: data.cancelledAppointmentIds, position, replayed: false };
        await idempotency?.store(db, result);
        return result;
      },
    });
    if (!outcome.replayed) this.appends.committed(transaction);
    return outcome;
  }
}
