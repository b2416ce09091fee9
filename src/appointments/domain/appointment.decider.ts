import {
  AppointmentCancelled,
  AppointmentCheckedIn,
  AppointmentCompleted,
  AppointmentCreated,
  AppointmentEvent,
  AppointmentFacts,
  AppointmentNoShowRecorded,
  AppointmentReassigned,
  AppointmentRescheduled,
} from './appointment.events';
import { AppointmentCommand } from './appointment.commands';
import {
  AppointmentAlreadyExists,
  AppointmentNotFound,
  EndNotAfterStart,
  InvalidTransition,
  NotOnAppointmentDay,
  NothingToReassign,
  NotStartedYet,
  OutsideWorkingHours,
  StartInPast,
} from './appointment.errors';
import { Appointment, AppointmentState, AppointmentStatus } from './appointment.state';
import { DoctorSchedule, isWithinWorkingHours, localDateOf } from './working-hours';

/**
 * Decides which events a command produces from the current state, or throws the broken rule.
 * Pure: the clock is the `now` argument and reference data comes inside the command.
 * Double booking is not decided here: PostgreSQL's exclusion constraints on the reservations
 * table enforce it under any concurrency.
 */
export function decide(command: AppointmentCommand, state: AppointmentState, now: Date): AppointmentEvent[] {
  if (command.kind === 'book') {
    if (state !== null) throw new AppointmentAlreadyExists(state.id);
    const slot = slotFor(command.start, command.end, command.appointmentType.durationMinutes, now);
    assertWorkingHours(command.doctor, slot.start, slot.end);
    return [
      new AppointmentCreated({
        appointmentId: command.appointmentId,
        doctorId: command.doctor.id,
        patientId: command.patientId,
        roomId: command.roomId,
        appointmentTypeId: command.appointmentType.id,
        start: slot.start.toISOString(),
        end: slot.end.toISOString(),
        title: command.title,
        bufferBeforeMinutes: command.appointmentType.bufferBeforeMinutes,
        bufferAfterMinutes: command.appointmentType.bufferAfterMinutes,
      }),
    ];
  }
  if (state === null) throw new AppointmentNotFound(command.appointmentId);

  switch (command.kind) {
    case 'reschedule': {
      assertStatus(state, 'reschedule', ['booked']);
      const slot = slotFor(command.start, command.end, command.appointmentType.durationMinutes, now);
      assertWorkingHours(command.doctor, slot.start, slot.end);
      return [
        new AppointmentRescheduled({
          ...factsOf(state),
          start: slot.start.toISOString(),
          end: slot.end.toISOString(),
          previousStart: state.start,
          previousEnd: state.end,
        }),
      ];
    }
    case 'reassign': {
      assertStatus(state, 'reassign', ['booked']);
      const doctor = command.doctor ?? command.currentDoctor;
      const roomId = command.roomId ?? state.roomId;
      if (doctor.id === state.doctorId && roomId === state.roomId) throw new NothingToReassign();
      if (doctor.id !== state.doctorId) assertWorkingHours(doctor, new Date(state.start), new Date(state.end));
      return [
        new AppointmentReassigned({
          ...factsOf(state),
          doctorId: doctor.id,
          roomId,
          previousDoctorId: state.doctorId,
          previousRoomId: state.roomId,
          comment: command.comment,
        }),
      ];
    }
    case 'check-in': {
      assertStatus(state, 'check in', ['booked']);
      const appointmentDay = localDateOf(new Date(state.start), command.doctor.timezone);
      if (localDateOf(now, command.doctor.timezone) !== appointmentDay) throw new NotOnAppointmentDay(appointmentDay);
      return [new AppointmentCheckedIn({ ...factsOf(state), checkedInAt: now.toISOString() })];
    }
    case 'complete':
      assertStatus(state, 'complete', ['checked-in']);
      return [new AppointmentCompleted({ ...factsOf(state), completedAt: now.toISOString() })];
    case 'mark-no-show':
      assertStatus(state, 'record a no-show for', ['booked']);
      if (now.getTime() < new Date(state.start).getTime()) throw new NotStartedYet(state.start);
      return [new AppointmentNoShowRecorded({ ...factsOf(state), recordedAt: now.toISOString() })];
    case 'cancel': {
      const previousStatus = assertStatus(state, 'cancel', ['booked', 'checked-in'] as const);
      return [new AppointmentCancelled({ ...factsOf(state), reason: command.reason, previousStatus })];
    }
    default:
      return assertNever(command);
  }
}

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
      return { ...next, status: 'checked-in' };
    case 'AppointmentCompleted':
      return { ...next, status: 'fulfilled' };
    case 'AppointmentNoShowRecorded':
      return { ...next, status: 'noshow' };
    case 'AppointmentCancelled':
      return { ...next, status: 'cancelled', cancellationReason: event.data.reason };
    default:
      return assertNever(event);
  }
}

/** Folds a stream's events, starting from a snapshot's state or from nothing. */
export function replay(events: readonly AppointmentEvent[], from: AppointmentState = null): AppointmentState {
  return events.reduce<AppointmentState>(evolve, from);
}

function factsOf(state: Appointment): AppointmentFacts {
  return {
    appointmentId: state.id,
    doctorId: state.doctorId,
    patientId: state.patientId,
    roomId: state.roomId,
    appointmentTypeId: state.appointmentTypeId,
    start: state.start,
    end: state.end,
  };
}

function slotFor(start: Date, end: Date | undefined, durationMinutes: number, now: Date): { start: Date; end: Date } {
  const slotEnd = end ?? new Date(start.getTime() + durationMinutes * 60_000);
  if (slotEnd.getTime() <= start.getTime()) throw new EndNotAfterStart(start.toISOString(), slotEnd.toISOString());
  if (start.getTime() < now.getTime()) throw new StartInPast(start.toISOString());
  return { start, end: slotEnd };
}

function assertWorkingHours(doctor: DoctorSchedule, start: Date, end: Date): void {
  if (!isWithinWorkingHours(doctor, start, end)) {
    throw new OutsideWorkingHours(doctor.id, start.toISOString(), end.toISOString(), doctor.timezone);
  }
}

function assertStatus<S extends AppointmentStatus>(state: Appointment, action: string, allowed: readonly S[]): S {
  if (!(allowed as readonly AppointmentStatus[]).includes(state.status)) {
    throw new InvalidTransition(action, state.status, allowed);
  }
  return state.status as S;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
