import { PersonalDataPolicy } from '../../event-store/personal-data/personal-data-policy';
import { APPOINTMENT_AGGREGATE_TYPE, isAppointmentEventType, PERSONAL_DATA_FIELDS } from '../domain/appointment.events';

/** Free text of an appointment's state that may hold personal data (see PERSONAL_DATA_FIELDS). */
const PERSONAL_STATE_FIELDS = ['title', 'cancellationReason'] as const;

/**
 * Personal data of an appointment belongs to its patient: the free-text fields of its events
 * and of its snapshots are sealed with the patient's key.
 */
export const appointmentPersonalData: PersonalDataPolicy = {
  forEvent(eventType, data) {
    if (!isAppointmentEventType(eventType) || PERSONAL_DATA_FIELDS[eventType].length === 0) return null;
    return { subjectId: String(data.patientId), fields: PERSONAL_DATA_FIELDS[eventType] };
  },
  forSnapshot(aggregateType, state) {
    if (aggregateType !== APPOINTMENT_AGGREGATE_TYPE) return null;
    return { subjectId: String(state.patientId), fields: PERSONAL_STATE_FIELDS };
  },
};
