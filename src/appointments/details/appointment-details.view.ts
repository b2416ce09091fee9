import { AppointmentView, appointmentView } from '../appointment-view';
import { AppointmentDetails } from './appointment-details.entity';

/** The API's appointment resource from a row of the details read table. */
export function detailsView(row: AppointmentDetails): AppointmentView {
  return appointmentView(
    {
      id: row.id,
      status: row.status,
      doctorId: row.doctorId,
      patientId: row.patientId,
      roomId: row.roomId,
      appointmentTypeId: row.appointmentTypeId,
      start: row.start.toISOString(),
      end: row.end.toISOString(),
      title: row.title,
      bufferBeforeMinutes: row.bufferBeforeMinutes,
      bufferAfterMinutes: row.bufferAfterMinutes,
      cancellationReason: row.cancellationReason,
      version: row.version,
    },
    { doctor: row.doctorName, patient: row.patientName, room: row.roomName, appointmentType: row.appointmentTypeName },
  );
}
