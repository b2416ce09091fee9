import { AppointmentEvent } from './appointment.events';
import { Appointment, AppointmentState } from './appointment.state';
import { assertNever } from './assert-never';

/** Applies one event to the state. Events are facts: evolve never refuses one. */
export function evolve(state: AppointmentState, event: AppointmentEvent): Appointment {
  if (event.type === 'AppointmentCreated') {
    const { appointmentId, ...data } = event.data;
    return { id: appointmentId, status: 'booked', cancellationReason: null, version: 1, ...data };
  }
  if (state === null) throw new Error(`${event.type} cannot start a stream`);
  const next = { ...state, version: state.version + 1 };
  switch (event.type) {
    case 'AppointmentRescheduled':
      return { ...next, start: event.data.start, end: event.data.end };
    case 'AppointmentReassigned':
      return { ...next, doctorId: event.data.doctorId, roomId: event.data.roomId };
    case 'AppointmentCheckedIn':
    case 'AppointmentCompleted':
    case 'AppointmentNoShowRecorded':
      return { ...next, status: statusAfter(event.type) ?? next.status };
    case 'AppointmentCancelled':
      return { ...next, status: statusAfter(event.type) ?? next.status, cancellationReason: event.data.reason };
    default:
      return assertNever(event);
  }
}

/** Folds a stream's events, starting from a snapshot's state or from nothing. */
export function replay(events: readonly AppointmentEvent[], from: AppointmentState = null): AppointmentState {
  return events.reduce<AppointmentState>(evolve, from);
}

/**
 * The status an appointment has after an event of this type, or null for the events that keep
 * it (a reschedule, a reassignment). The one place that says which event leads to which FHIR
 * status: the fold, the read tables and the public events all ask here.
 */
export function statusAfter(type: AppointmentEvent['type']): Appointment['status'] | null {
  switch (type) {
    case 'AppointmentCreated':
      return 'booked';
    case 'AppointmentRescheduled':
    case 'AppointmentReassigned':
      return null;
    case 'AppointmentCheckedIn':
      return 'checked-in';
    case 'AppointmentCompleted':
      return 'fulfilled';
    case 'AppointmentNoShowRecorded':
      return 'noshow';
    case 'AppointmentCancelled':
      return 'cancelled';
    default:
      return assertNever(type);
  }
}
