import { APPOINTMENT_TYPE_SYSTEM } from './fhir-appointment';

/**
 * A slot hold as an HL7 FHIR R4 `Slot` on the doctor's Schedule (`Schedule/<doctorId>`, as in
 * fhir-schedule.ts): the time of the appointment it holds, without the type's buffers, and the
 * appointment type it is held for. Its status says what the time is now:
 * - `busy-tentative` while the hold takes it (`meta.versionId` 1): nobody else may book it, and
 *   it may still come free;
 * - `busy` once the hold became an appointment (2): the time is that appointment's;
 * - `free` once the hold ended without one, released or expired (2): the hold no longer takes
 *   the time, which may still be outside working hours or taken otherwise.
 * No patient is named: a Slot is time on a schedule, and the appointment that fills it names its
 * participants itself.
 */
export type FhirHeldSlotStatus = 'busy-tentative' | 'busy' | 'free';

export interface FhirHeldSlot {
  resourceType: 'Slot';
  id: string;
  meta: { versionId: string; lastUpdated: string };
  schedule: { reference: string; type: 'Schedule' };
  status: FhirHeldSlotStatus;
  appointmentType: { coding: [{ system: typeof APPOINTMENT_TYPE_SYSTEM; code: string }] };
  start: string;
  end: string;
}

export function fhirHeldSlot(
  hold: { holdId: string; doctorId: string; appointmentTypeId: string; start: string; end: string },
  status: FhirHeldSlotStatus,
  lastUpdated: string,
): FhirHeldSlot {
  return {
    resourceType: 'Slot',
    id: hold.holdId,
    meta: { versionId: status === 'busy-tentative' ? '1' : '2', lastUpdated },
    schedule: { reference: `Schedule/${hold.doctorId}`, type: 'Schedule' },
    status,
    appointmentType: { coding: [{ system: APPOINTMENT_TYPE_SYSTEM, code: hold.appointmentTypeId }] },
    start: hold.start,
    end: hold.end,
  };
}
