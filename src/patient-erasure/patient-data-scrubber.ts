import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';

/** The patient being erased, as known just before the erasure. */
export interface ErasedPatient {
  patientId: string;
  email: string;
  /** Every appointment the patient ever had (from the event log). */
  appointmentIds: string[];
}

/**
 * Removes a patient's personal data from tables that copy it in plain (read tables, outboxes,
 * stored responses). Runs inside the erasure's transaction; must be idempotent, since an
 * erasure scrubs twice (see ErasePatientHandler).
 */
export interface PatientDataScrubber {
  scrub(db: EntityManager, patient: ErasedPatient): Promise<void>;
}

/** Declares a provider as a PatientDataScrubber, discovered by the erasure. */
export const ScrubsPatientData = DiscoveryService.createDecorator<string>();
