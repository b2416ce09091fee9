import { AppointmentCancelled, AppointmentReassigned, AppointmentRescheduled } from '../../appointments/domain/appointment.events';
import { HoldExpired, HoldReleased } from '../../appointments/domain/hold.events';
import { ClinicClosureCancelled, RoomBlockCancelled, TimeOffCancelled } from '../../schedules/domain/schedule.events';
import { assertNever } from '../../appointments/domain/assert-never';

/**
 * Time that became free: a stretch of time in which a doctor (or, null, any doctor) and a room
 * (or, null, any room) are no longer held by what freed them. Whether a slot in it is bookable
 * is for the reservations to say; this is only where to look.
 */
export interface FreedTime {
  doctorId: string | null;
  roomId: string | null;
  start: string;
  end: string;
}

/** The facts that free time, as the offer process manager takes them. */
export type FreeingEvent = AppointmentCancelled | AppointmentRescheduled | AppointmentReassigned | TimeOffCancelled | ClinicClosureCancelled | RoomBlockCancelled | HoldReleased | HoldExpired;

/** The classes of the freeing events, as the process manager's subscription declares them. */
export const FREEING_EVENTS = [AppointmentCancelled, AppointmentRescheduled, AppointmentReassigned, TimeOffCancelled, ClinicClosureCancelled, RoomBlockCancelled, HoldReleased, HoldExpired];

/**
 * The time an event frees: a cancelled appointment's slot, a rescheduled one's previous slot, a
 * reassigned one's time with the doctor (and room) it left, a cancelled time off, closure or
 * room block, a hold released or expired. Null when nothing was freed (a reassignment that
 * changed neither doctor nor room).
 */
export function freedTimeOf(event: FreeingEvent): FreedTime | null {
  switch (event.type) {
    case 'AppointmentCancelled':
    case 'HoldReleased':
    case 'HoldExpired': {
      const { doctorId, roomId, start, end } = event.data;
      return { doctorId, roomId, start, end };
    }
    case 'AppointmentRescheduled': {
      const { doctorId, roomId, previousStart, previousEnd } = event.data;
      return { doctorId, roomId, start: previousStart, end: previousEnd };
    }
    case 'AppointmentReassigned': {
      const { doctorId, roomId, previousDoctorId, previousRoomId, start, end } = event.data;
      const doctorLeft = previousDoctorId !== doctorId;
      const roomLeft = previousRoomId !== roomId;
      if (!doctorLeft && !roomLeft) return null;
      // The doctor left is free in that time with any room; a room left alone is free with any doctor.
      return { doctorId: doctorLeft ? previousDoctorId : null, roomId: doctorLeft ? null : previousRoomId, start, end };
    }
    case 'TimeOffCancelled':
      return { doctorId: event.data.doctorId, roomId: null, start: event.data.start, end: event.data.end };
    case 'ClinicClosureCancelled':
      return { doctorId: null, roomId: null, start: event.data.start, end: event.data.end };
    case 'RoomBlockCancelled':
      return { doctorId: null, roomId: event.data.roomId, start: event.data.start, end: event.data.end };
    default:
      return assertNever(event);
  }
}
