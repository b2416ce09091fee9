import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { REDACTED } from '../event-store/personal-data/personal-data-cipher';
import { ErasedPatient, PatientDataScrubber, ScrubsPatientData } from './patient-data-scrubbers';

/**
 * Failure messages of parked events and of stopped subscriptions may quote the data a handler
 * choked on: for the patient's appointments they are replaced (the position and type remain).
 */
@Injectable()
@ScrubsPatientData('dead-letters')
export class DeadLettersScrubber implements PatientDataScrubber {
  async scrub(db: EntityManager, { appointmentIds }: ErasedPatient): Promise<void> {
    await db.query(
      `update dead_letters set failure = $2
       where failure <> $2 and event_id in (select event_id from events where aggregate_id = any($1::uuid[]))`,
      [appointmentIds, REDACTED],
    );
    await db.query(
      `update subscription_checkpoints c set failure = $2
       where failure is not null and failure <> $2
         and exists (select 1 from events e where e.position = c.failed_position and e.aggregate_id = any($1::uuid[]))`,
      [appointmentIds, REDACTED],
    );
  }
}
