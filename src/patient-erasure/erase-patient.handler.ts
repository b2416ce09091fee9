import { Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentCreated } from '../appointments/domain/appointment.events';
import { PersonalDataVault } from '../event-store/personal-data/personal-data-vault';
import { ReadSideProgress } from '../event-store/subscriptions/read-side-progress';
import { SubscriptionRegistry } from '../event-store/subscriptions/subscription-registry';
import { RecordNotFound } from '../shared/application-errors';
import { ErasePatient } from './erase-patient.command';
import { ErasedPatient, PatientDataScrubber, ScrubsPatientData } from './patient-data-scrubbers';
import { ErasureCancellations, UpcomingAppointmentsCanceller } from './upcoming-appointments.canceller';
import { WaitlistAndHoldsCanceller } from './waitlist-and-holds.canceller';

/** The events of two sets of cancellations, and the last position of either. */
function joined(first: ErasureCancellations, second: ErasureCancellations): ErasureCancellations {
  const positions = [first.lastPosition, second.lastPosition].filter((position) => position !== null);
  return { eventIds: [...first.eventIds, ...second.eventIds], lastPosition: positions.length > 0 ? Math.max(...positions) : null };
}

/** How long an erasure waits for deliveries that may have read the patient's data before it. */
const IN_FLIGHT_DELIVERIES_MS = 10_000;

/**
 * Crypto-shredding of one patient, in three steps:
 *
 * 1. In one transaction: the patient's key is erased (waiting for commands that are sealing
 *    data with it), the reference record is deleted and every scrubber clears its plain copies.
 *    The events stay as they are and now read as redacted.
 * 2. The patient's upcoming appointments are cancelled (reason "patient erased", by the admin
 *    who erased), freeing their slots; so are their open waitlist entries, and the slots held for
 *    them are released. This comes after the key and the record are gone, so the
 *    cancellations carry nothing personal and nobody is written to at the patient's address:
 *    the doctor is told the slot is free, with the patient's name and free text redacted.
 * 3. A subscription delivery that opened the patient's data just before the key was erased may
 *    commit after the first scrub; so once every subscription has passed the log's head, the
 *    scrubbers run a second time (leaving what step 2 caused alone). Nothing read after the
 *    erasure can bring the data back: the key is gone.
 *
 * An erasure interrupted after step 1 (a crash, the database lost) is finished by sending it
 * again: the key's tombstone tells an erased patient from an unknown one.
 */
@CommandHandler(ErasePatient)
export class ErasePatientHandler implements ICommandHandler<ErasePatient> {
  private readonly logger = new Logger('PatientErasure');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: PersonalDataVault,
    private readonly discovery: DiscoveryService,
    private readonly registry: SubscriptionRegistry,
    private readonly progress: ReadSideProgress,
    private readonly canceller: UpcomingAppointmentsCanceller,
    private readonly waitlistAndHolds: WaitlistAndHoldsCanceller,
  ) {}

  async execute({ patientId, context }: ErasePatient): Promise<void> {
    const { patient, head, resumed } = await this.dataSource.transaction((db) => this.eraseKeyAndRecord(db, patientId));
    const cancellations = joined(await this.canceller.cancelUpcoming(patientId, context), await this.waitlistAndHolds.cancelOpen(patientId, context));

    const until = Math.max(head ?? 0, cancellations.lastPosition ?? 0);
    const subscriptions = this.registry.names();
    if (until > 0 && !(await this.progress.waitFor(subscriptions, until, IN_FLIGHT_DELIVERIES_MS))) {
      this.logger.warn(`Subscriptions have not all reached position ${until} yet; scrubbing patient ${patientId} again now`);
    }
    // A booking that found the patient's record just before the erasure committed can commit
    // just after the first pass: the second pass cancels it too.
    const late = joined(await this.canceller.cancelUpcoming(patientId, context), await this.waitlistAndHolds.cancelOpen(patientId, context));
    const ownEventIds = [...cancellations.eventIds, ...late.eventIds];
    await this.dataSource.transaction((db) => this.scrub(db, { ...patient, ownEventIds }));
    this.logger.log(
      `Patient ${patientId} ${resumed ? 'erasure finished' : 'erased'} by ${context.actor.userId} ` +
        `(${patient.appointmentIds.length} appointments, ${ownEventIds.length} upcoming cancelled)`,
    );
  }

  private async eraseKeyAndRecord(db: EntityManager, patientId: string): Promise<{ patient: ErasedPatient; head: number | null; resumed: boolean }> {
    const [record]: Array<{ email: string } | undefined> = await db.query(`select email from patients where id = $1 for update`, [patientId]);
    if (!record && !(await this.erasedBefore(db, patientId))) throw new RecordNotFound('Patient', patientId);
    await this.vault.erase(db, patientId);
    const appointments: Array<{ aggregate_id: string }> = await db.query(
      `select aggregate_id from events where event_type = $1 and data->>'patientId' = $2`,
      [AppointmentCreated.type, patientId],
    );
    await db.query(`delete from patients where id = $1`, [patientId]);
    const patient: ErasedPatient = {
      patientId,
      email: record?.email ?? null,
      appointmentIds: appointments.map((row) => row.aggregate_id),
      ownEventIds: [],
    };
    await this.scrub(db, patient);
    const [{ head }]: Array<{ head: string | null }> = await db.query(`select max(position) as head from events`);
    return { patient, head: head === null ? null : Number(head), resumed: !record };
  }

  /** The tombstone the vault leaves for an erased key (see PersonalDataVault.erase). */
  private async erasedBefore(db: EntityManager, patientId: string): Promise<boolean> {
    const rows: unknown[] = await db.query(`select 1 from personal_data_keys where subject_id = $1 and erased_at is not null`, [patientId]);
    return rows.length > 0;
  }

  private async scrub(db: EntityManager, patient: ErasedPatient): Promise<void> {
    for (const wrapper of this.discovery.getProviders({ metadataKey: ScrubsPatientData.KEY })) {
      await (wrapper.instance as PatientDataScrubber).scrub(db, patient);
    }
  }
}
