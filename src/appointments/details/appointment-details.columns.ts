import { AppointmentDetails } from './appointment-details.entity';

/** A row of appointment_details as the single and list reads select it: everything but the history. */
export type AppointmentDetailsRow = Omit<AppointmentDetails, 'history'>;

/** The select list giving an AppointmentDetailsRow; the history is read only by the history endpoint. */
export const APPOINTMENT_DETAILS_COLUMNS = `id, status, doctor_id as "doctorId", doctor_name as "doctorName",
  patient_id as "patientId", patient_name as "patientName", room_id as "roomId", room_name as "roomName",
  appointment_type_id as "appointmentTypeId", appointment_type_name as "appointmentTypeName", start, "end",
  buffer_before_minutes as "bufferBeforeMinutes", buffer_after_minutes as "bufferAfterMinutes", title,
  cancellation_reason as "cancellationReason", series_id as "seriesId", version, last_position as "lastPosition"`;
