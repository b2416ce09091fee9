import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { REDACTED } from '../../event-store/personal-data/personal-data-cipher';
import { ErasedPatient, PatientDataScrubber, ScrubsPatientData } from '../../patient-erasure/patient-data-scrubber';

/**
 * Emails about the patient's appointments (to the patient or to the doctor) carry names, titles
 * and reasons: their content is replaced, the patient's address removed, and those not sent
 * yet are parked, so that nothing more is sent to or about a forgotten patient.
 */
@Injectable()
@ScrubsPatientData('email-outbox')
export class EmailOutboxScrubber implements PatientDataScrubber {
  async scrub(db: EntityManager, { email, appointmentIds }: ErasedPatient): Promise<void> {
    await db.query(
      `update email_outbox set
         recipient = case when position(lower($3) in lower(recipient)) > 0 then $2 else recipient end,
         dedupe_key = replace(dedupe_key, $3, $2),
         subject = $2, text_body = $2, html_body = $2, calendar = null,
         last_error = case when status = 'pending' then 'Not sent: the patient was erased' else last_error end,
         status = case when status = 'pending' then 'parked' else status end
       where appointment_id = any($1::uuid[])`,
      [appointmentIds, REDACTED, email],
    );
  }
}
