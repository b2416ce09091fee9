import { Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentCreated } from '../appointments/domain/appointment.events';
import { PersonalDataVault } from '../event-store/personal-data/personal-data-vault';
import { ReadSideProgress } from '../event-store/subscriptions/read-side-progress';
import { SubscriptionRunner } from '../event-store/subscriptions/subscription-runner';
import { Problems } from '../shared/http/problem';
import { ErasePatient } from './erase-patient.command';
import { ErasedPatient, PatientDataScrubber, ScrubsPatientData } from './patient-data-scrubber';

/** How long an erasure waits for deliveries that may have read the patient's data before it. */
const IN_FLIGHT_DELIVERIES_MS = 10_000;

/**
 * Crypto-shredding of one patient. In one transaction: the patient's key is erased (waiting for
 * commands that are sealing data with it), the reference record is deleted and every scrubber
 * clears its plain copies. The events stay as they are and now read as redacted.
 *
 * A subscription delivery that opened the patient's data just before the key was erased may
 * commit after that first scrub; so once every subscription has passed the log's head as it
 * was at the erasure, the scrubbers run a second time. Nothing read after the erasure can
 * bring the data back: the key is gone.
 */
@CommandHandler(ErasePatient)
export class ErasePatientHandler implements ICommandHandler<ErasePatient> {
  private readonly logger = new Logger('PatientErasure');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: PersonalDataVault,
    private readonly discovery: DiscoveryService,
    private readonly runner: SubscriptionRunner,
    private readonly progress: ReadSideProgress,
  ) {}

  async execute({ patientId, actor }: ErasePatient): Promise<void> {
    const { patient, head } = await this.dataSource.transaction(async (db) => {
      const [record]: Array<{ email: string }> = await db.query(`select email from patients where id = $1 for update`, [patientId]);
      if (!record) throw Problems.notFound('Patient', patientId);
      await this.vault.erase(db, patientId);
      const appointments: Array<{ aggregate_id: string }> = await db.query(
        `select aggregate_id from events where event_type = $1 and data->>'patientId' = $2`,
        [AppointmentCreated.type, patientId],
      );
      await db.query(`delete from patients where id = $1`, [patientId]);
      const erased: ErasedPatient = { patientId, email: record.email, appointmentIds: appointments.map((row) => row.aggregate_id) };
      await this.scrub(db, erased);
      const [{ head }]: Array<{ head: string | null }> = await db.query(`select max(position) as head from events`);
      return { patient: erased, head: head === null ? null : Number(head) };
    });

    const subscriptions = this.runner.discovered().map((handler) => handler.options.name);
    if (head !== null && !(await this.progress.waitFor(subscriptions, head, IN_FLIGHT_DELIVERIES_MS))) {
      this.logger.warn(`Subscriptions have not all reached position ${head} yet; scrubbing patient ${patientId} again now`);
    }
    await this.dataSource.transaction((db) => this.scrub(db, patient));
    this.logger.log(`Patient ${patientId} erased by ${actor.userId} (${patient.appointmentIds.length} appointments)`);
  }

  private async scrub(db: EntityManager, patient: ErasedPatient): Promise<void> {
    for (const wrapper of this.discovery.getProviders({ metadataKey: ScrubsPatientData.KEY })) {
      await (wrapper.instance as PatientDataScrubber).scrub(db, patient);
    }
  }
}
