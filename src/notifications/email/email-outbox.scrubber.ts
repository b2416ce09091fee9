import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { REDACTED } from '../../event-store/personal-data/personal-data-cipher';
import { ErasedPatient, PatientDataScrubber, ScrubsPatientData } from '../../patient-erasure/patient-data-scrubbers';

/** Why a message about an erased patient that was still waiting is never sent. */
const NOT_SENT = 'Not sent: the patient was erased';

/**
 * Emails about the patient's appointments, series and waitlist offers (to the patient or to the
 * doctor: found by the appointment or by the patient they are about) carry names, titles
 * and reasons: their content is replaced, the patient's address removed, and those not sent
 * yet are parked, so that nothing more is sent to or about a forgotten patient. The failure
 * recorded for a message is replaced too: SMTP replies quote the recipient ("550 5.1.1
 * <address>: user unknown").
 *
 * The patient's address is recognised by the address they had, and, since it may be unknown
 * (an interrupted erasure finished later) or may have been another one, as any recipient that
 * is not one of the clinic's doctors; in the notifier's dedupe keys (`event:kind:role:address`)
 * the patient's part is replaced likewise.
 *
 * Messages about the events the erasure appended itself (the cancellations of the upcoming
 * appointments) were written without the patient's data, to doctors only: they go out.
 */
@Injectable()
@ScrubsPatientData('email-outbox')
export class EmailOutboxScrubber implements PatientDataScrubber {
  async scrub(db: EntityManager, { patientId, email, appointmentIds, ownEventIds }: ErasedPatient): Promise<void> {
    await db.query(
      `update email_outbox set
         recipient = case
           when ($3::text is not null and position(lower($3) in lower(recipient)) > 0)
             or lower(recipient) <> all (select lower(d.email) from doctors d) then $2
           else recipient end,
         dedupe_key = regexp_replace(case when $3::text is null then dedupe_key else replace(dedupe_key, $3, $2) end, ':patient:.*$', ':patient:' || $2),
         subject = $2, text_body = $2, html_body = $2, calendar = null,
         last_error = case when status = 'pending' then $5 when last_error is null or last_error = $5 then last_error else $2 end,
         status = case when status = 'pending' then 'parked' else status end
       where (appointment_id = any($1::uuid[]) or patient_id = $6::uuid)
         and split_part(dedupe_key, ':', 1) <> all ($4::text[])`,
      [appointmentIds, REDACTED, email, ownEventIds, NOT_SENT, patientId],
    );
  }
}
