import { WaitlistEntryFacts, WaitlistOffer } from '../waitlist/domain/waitlist.events';
import { APPOINTMENT_TYPE_SYSTEM } from './fhir-appointment';

/**
 * A waitlist entry as an HL7 FHIR R4 `Appointment` (its id is the entry's): the request of a
 * patient for an appointment type in a window of dates, optionally with one doctor.
 * - `status` is `waitlist` while the entry waits or an offer is open, `booked` once an offer was
 *   accepted (the visit itself is the appointment the event names, with its own
 *   `appointment.booked.v1`), `cancelled` once the entry is over without one (taken off the
 *   list, or an offer left to expire).
 * - `requestedPeriod` is the window: local dates of the clinic's zone, both inclusive (a FHIR
 *   Period's end includes its whole date).
 * - An open or accepted offer gives the Appointment its `start`, `end`, `slot` (the offer's hold,
 *   published as `Slot/<holdId>` by the `slot.*` events) and its Location; the Practitioner is
 *   the offer's doctor, else the doctor asked for (`needs-action`: no time of theirs is held yet).
 * Participants are references only: no names, contacts or free text.
 */
export type FhirWaitlistStatus = 'waitlist' | 'booked' | 'cancelled';

export interface FhirWaitlistParticipant {
  actor: { reference: string; type: 'Patient' | 'Practitioner' | 'Location' };
  required: 'required';
  status: 'accepted' | 'needs-action';
}

export interface FhirWaitlistAppointment {
  resourceType: 'Appointment';
  id: string;
  meta: { versionId: string; lastUpdated: string };
  status: FhirWaitlistStatus;
  appointmentType: { coding: [{ system: typeof APPOINTMENT_TYPE_SYSTEM; code: string }] };
  start?: string;
  end?: string;
  slot?: [{ reference: string; type: 'Slot' }];
  requestedPeriod: [{ start: string; end: string }];
  participant: FhirWaitlistParticipant[];
}

const participant = (type: FhirWaitlistParticipant['actor']['type'], id: string, status: FhirWaitlistParticipant['status']): FhirWaitlistParticipant => ({
  actor: { reference: `${type}/${id}`, type },
  required: 'required',
  status,
});

export function fhirWaitlistAppointment(
  entry: WaitlistEntryFacts,
  status: FhirWaitlistStatus,
  offer: WaitlistOffer | null,
  version: number,
  lastUpdated: string,
): FhirWaitlistAppointment {
  const patient = participant('Patient', entry.patientId, 'accepted');
  const base = {
    resourceType: 'Appointment' as const,
    id: entry.entryId,
    meta: { versionId: String(version), lastUpdated },
    status,
    appointmentType: { coding: [{ system: APPOINTMENT_TYPE_SYSTEM, code: entry.appointmentTypeId }] as [{ system: typeof APPOINTMENT_TYPE_SYSTEM; code: string }] },
  };
  const requestedPeriod: [{ start: string; end: string }] = [{ start: entry.from, end: entry.to }];
  if (offer) {
    return {
      ...base,
      start: offer.start,
      end: offer.end,
      slot: [{ reference: `Slot/${offer.holdId}`, type: 'Slot' }],
      requestedPeriod,
      participant: [patient, participant('Practitioner', offer.doctorId, 'accepted'), participant('Location', offer.roomId, 'accepted')],
    };
  }
  return {
    ...base,
    requestedPeriod,
    participant: entry.doctorId === null ? [patient] : [patient, participant('Practitioner', entry.doctorId, 'needs-action')],
  };
}
