import { AppointmentFacts } from '../appointments/domain/appointment.events';
import { AppointmentStatus } from '../appointments/domain/appointment.state';

/**
 * The subset of the HL7 FHIR R4 `Appointment` resource this service publishes. Participants
 * are references only (Patient/…, Practitioner/…, Location/…): no names, contacts or free text,
 * which other services must get, if at all, from the owner of that data.
 */
export interface FhirAppointment {
  resourceType: 'Appointment';
  id: string;
  meta: { versionId: string; lastUpdated: string };
  status: AppointmentStatus;
  appointmentType: { coding: Array<{ system: string; code: string }> };
  start: string;
  end: string;
  minutesDuration: number;
  participant: Array<{
    actor: { reference: string; type: 'Patient' | 'Practitioner' | 'Location' };
    required: 'required';
    status: 'accepted';
  }>;
}

/** Code system of this service's appointment types (their ids). */
export const APPOINTMENT_TYPE_SYSTEM = 'urn:clinic:appointment-type';

export function fhirAppointment(facts: AppointmentFacts, status: AppointmentStatus, version: number, lastUpdated: string): FhirAppointment {
  const participant = (type: 'Patient' | 'Practitioner' | 'Location', id: string) => ({
    actor: { reference: `${type}/${id}`, type },
    required: 'required' as const,
    status: 'accepted' as const,
  });
  return {
    resourceType: 'Appointment',
    id: facts.appointmentId,
    meta: { versionId: String(version), lastUpdated },
    status,
    appointmentType: { coding: [{ system: APPOINTMENT_TYPE_SYSTEM, code: facts.appointmentTypeId }] },
    start: facts.start,
    end: facts.end,
    minutesDuration: Math.round((Date.parse(facts.end) - Date.parse(facts.start)) / 60_000),
    participant: [participant('Patient', facts.patientId), participant('Practitioner', facts.doctorId), participant('Location', facts.roomId)],
  };
}
