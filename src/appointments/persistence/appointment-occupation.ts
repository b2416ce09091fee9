import { Occupation } from '../../reservations/reservations';
import { ACTIVE_STATUSES, AppointmentState } from '../domain/appointment.state';

/** The time an appointment occupies while it is active (booked or checked in); null otherwise. */
export function occupationOf(appointment: AppointmentState): Occupation | null {
  if (!appointment || !ACTIVE_STATUSES.includes(appointment.status)) return null;
  return {
    id: appointment.id,
    kind: 'appointment',
    doctorId: appointment.doctorId,
    roomId: appointment.roomId,
    patientId: appointment.patientId,
    start: appointment.start,
    end: appointment.end,
    bufferBeforeMinutes: appointment.bufferBeforeMinutes,
    bufferAfterMinutes: appointment.bufferAfterMinutes,
  };
}
