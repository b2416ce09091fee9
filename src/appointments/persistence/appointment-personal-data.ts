import { PersonalDataPolicy } from '../../event-store/personal-data/personal-data-policy';
import { APPOINTMENT_AGGREGATE_TYPE, isAppointmentEventType, PATIENT_ERASED_REASON, PERSONAL_DATA_FIELDS } from '../domain/appointment.events';
import { SERIES_EVENTS, SERIES_PERSONAL_DATA_FIELDS } from '../domain/series.events';

/** Free text of an appointment's state that may hold personal data (see PERSONAL_DATA_FIELDS). */
const PERSONAL_STATE_FIELDS = ['title', 'cancellationReason'] as const;

/** The fields that hold personal data, less a reason that is the erasure's own wording. */
function personal(fields: readonly string[], record: Record<string, unknown>, reasonField: string): readonly string[] {
  return record[reasonField] === PATIENT_ERASED_REASON ? fields.filter((field) => field !== reasonField) : fields;
}

/**
 * Personal data of an appointment, and of a recurring series, belongs to its patient: the
 * free-text fields of their events and of the appointments' snapshots are sealed with the
 * patient's key (a series has no snapshots).
 */
export const appointmentPersonalData: PersonalDataPolicy = {
  forEvent(eventType, data) {
    if (SERIES_EVENTS.has(eventType)) return { subjectId: String(data.patientId), fields: personal(SERIES_PERSONAL_DATA_FIELDS[eventType], data, 'reason') };
    if (!isAppointmentEventType(eventType) || PERSONAL_DATA_FIELDS[eventType].length === 0) return null;
    return { subjectId: String(data.patientId), fields: personal(PERSONAL_DATA_FIELDS[eventType], data, 'reason') };
  },
  forSnapshot(aggregateType, state) {
    if (aggregateType !== APPOINTMENT_AGGREGATE_TYPE) return null;
    return { subjectId: String(state.patientId), fields: personal(PERSONAL_STATE_FIELDS, state, 'cancellationReason') };
  },
};
