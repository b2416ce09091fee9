import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import { metadataOf } from '../../appointments/command-execution/command-options';
import { WorkingHours } from '../../appointments/domain/working-hours';
import { AppendSignal } from '../../event-store/append-signal';
import { CommandHandling } from '../../event-store/command-handling';
import { Metrics } from '../../observability/metrics';
import { Reservations } from '../../reservations/reservations';
import { RecordNotFound, RecordRetired } from '../../shared/application-errors';
import { Clock } from '../../shared/clock';
import { DoctorScheduleStream } from '../persistence/schedule-streams';
import { ChangeWorkingHours, decideWorkingHoursChange, UpcomingAppointment, WorkingHoursChangeOutcome } from './change-working-hours';

/**
 * Runs a working-hours change on the doctor's schedule stream, in one transaction: under the
 * doctor's reservation lock it reads the doctor's booked appointments not started yet, decides,
 * appends WorkingHoursChanged and writes the hours in force from that date
 * (doctor_working_hours, which bookings and availability read), replacing a change for the same
 * date. Raw SQL, as everywhere on the write path.
 */
@CommandHandler(ChangeWorkingHours)
export class ChangeWorkingHoursHandler implements ICommandHandler<ChangeWorkingHours> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly stream: DoctorScheduleStream,
    private readonly reservations: Reservations,
    private readonly clock: Clock,
    private readonly appendSignal: AppendSignal,
    private readonly metrics: Metrics,
  ) {}

  async execute({ doctorId, request, options }: ChangeWorkingHours): Promise<WorkingHoursChangeOutcome> {
    let doctor: Awaited<ReturnType<ChangeWorkingHoursHandler['doctor']>> | undefined;
    const outcome = await this.commands.handle(this.stream, {
      streamId: doctorId,
      metadata: metadataOf(options),
      // The doctor is looked up before the stream is loaded: an id that names no doctor (an
      // appointment's, say) is not found before its events are read as a schedule's.
      precheck: async (db) => {
        doctor = await this.doctor(db, doctorId);
        return undefined;
      },
      decide: async (state, db) => {
        const now = this.clock.now();
        await this.reservations.lockDoctor(db, doctorId);
        const upcoming = await this.upcomingAppointments(db, doctorId, now);
        return decideWorkingHoursChange({ ...request, doctor: doctor as NonNullable<typeof doctor>, upcoming }, state, now);
      },
      then: async (db, { appended }) => {
        const changed = this.stream.decode(appended.events[0]);
        await db.query(
          `insert into doctor_working_hours (doctor_id, effective_from, working_hours) values ($1, $2, $3)
           on conflict (doctor_id, effective_from) do update set working_hours = excluded.working_hours`,
          [doctorId, request.effectiveFrom, JSON.stringify(request.workingHours)],
        );
        const outsideHours = changed.type === 'WorkingHoursChanged' ? changed.data.outsideHours : [];
        return { doctorId, effectiveFrom: request.effectiveFrom, workingHours: request.workingHours, outsideHours, position: appended.lastPosition };
      },
    });
    this.appendSignal.raise();
    this.metrics.eventsAppended(['WorkingHoursChanged']);
    return outcome;
  }

  /** The doctor's zone and the hours they were created with; an unknown doctor is not found, a retired one takes no new hours. */
  private async doctor(db: EntityManager, id: string): Promise<{ id: string; timezone: string; initialHours: WorkingHours }> {
    const [doctor]: Array<{ id: string; timezone: string; initialHours: WorkingHours; active: boolean } | undefined> = await db.query(
      `select id, timezone, working_hours as "initialHours", active from doctors where id = $1`,
      [id],
    );
    if (!doctor) throw new RecordNotFound('Doctor', id);
    if (!doctor.active) throw new RecordRetired('Doctor', id);
    return { id: doctor.id, timezone: doctor.timezone, initialHours: doctor.initialHours };
  }

  /** Booked (or checked-in) appointments of the doctor that start from now on: the rows of the reservations table. */
  private upcomingAppointments(db: EntityManager, doctorId: string, now: Date): Promise<UpcomingAppointment[]> {
    return db.query(
      `select reserved_by as id, lower(span) as start, upper(span) as "end" from reservations
       where doctor_id = $1 and kind = 'appointment' and lower(span) >= $2
       order by lower(span), reserved_by`,
      [doctorId, now],
    );
  }
}
