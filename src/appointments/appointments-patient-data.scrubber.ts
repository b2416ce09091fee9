import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { REDACTED } from '../event-store/personal-data/personal-data-cipher';
import { PATIENT_ERASED_REASON } from './domain/appointment.events';
import { ErasedPatient, PatientDataScrubber, ScrubsPatientData } from '../patient-erasure/patient-data-scrubbers';

/**
 * The read tables and stored command responses hold the patient's name and the free text of
 * their appointments in plain. They are brought to what a rebuild from the (now redacted) log
 * would give: no patient name, free text redacted, including inside the history entries; the
 * erasure's own cancellation reason is not personal and stays.
 */
@Injectable()
@ScrubsPatientData('appointments')
export class AppointmentsPatientDataScrubber implements PatientDataScrubber {
  async scrub(db: EntityManager, { patientId, appointmentIds }: ErasedPatient): Promise<void> {
    await db.query(
      `update appointment_details set
         patient_name = null,
         title = $2,
         cancellation_reason = case when cancellation_reason is null or cancellation_reason = $3 then cancellation_reason else $2 end,
         history = (
           select coalesce(jsonb_agg(
             jsonb_set(jsonb_set(
               case when entry ? 'note' and entry->>'note' <> $3 then jsonb_set(entry, '{note}', to_jsonb($2::text)) else entry end,
               '{changes,title,to}', to_jsonb($2::text), false),
               '{changes,cancellationReason,to}',
               case when entry #>> '{changes,cancellationReason,to}' = $3 then to_jsonb($3::text) else to_jsonb($2::text) end, false)
             order by n), '[]'::jsonb)
           from jsonb_array_elements(history) with ordinality as h(entry, n))
       where id = any($1::uuid[])`,
      [appointmentIds, REDACTED, PATIENT_ERASED_REASON],
    );
    await db.query(`update doctor_schedule set patient_name = null, title = $2 where appointment_id = any($1::uuid[])`, [appointmentIds, REDACTED]);
    await db.query(`delete from idempotency_keys where response_body #>> '{appointment,patientId}' = $1`, [patientId]);
  }
}
