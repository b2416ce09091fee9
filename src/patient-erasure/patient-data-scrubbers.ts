import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';

/** The patient being erased, as known just before the erasure. */
export interface ErasedPatient {
  patientId: string;
  /**
   * The address the patient had, to find its copies; null when an interrupted erasure is
   * finished after the record (and so the address) is already gone.
   */
  email: string | null;
  /** Every appointment the patient ever had (from the event log). */
  appointmentIds: string[];
  /**
   * Events the erasure itself appended once the key and the record were gone (the cancellations
   * of the upcoming appointments): what is derived from them holds no personal data and is
   * meant to reach its readers (the doctor learns the slot is free), so it is left as it is.
   */
  ownEventIds: string[];
}

/**
 * Removes a patient's personal data from tables that copy it in plain (read tables, outboxes,
 * stored responses). Runs inside a transaction of the erasure; must be idempotent, since an
 * erasure scrubs twice (see ErasePatientHandler), and again when it is repeated.
 */
export interface PatientDataScrubber {
  scrub(db: EntityManager, patient: ErasedPatient): Promise<void>;
}

/** Declares a provider as a PatientDataScrubber, discovered by the erasure. */
export const ScrubsPatientData = DiscoveryService.createDecorator<string>();
