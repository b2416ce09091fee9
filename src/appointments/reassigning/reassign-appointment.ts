import { Command } from '@nestjs/cqrs';
import { assertStatus, assertWorkingHours, factsOf } from '../domain/appointment-rules';
import { NothingToReassign } from '../domain/appointment.errors';
import { AppointmentEvent, AppointmentReassigned } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { DoctorHours } from '../domain/working-hours';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';

/** Give an appointment another doctor and/or room, with a comment saying why. */
export class ReassignAppointment extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly request: { doctorId?: string; roomId?: string; comment: string },
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** What a reassignment decides on: the doctors' schedules (new, if any, and current). */
export interface ReassignTerms {
  doctor?: DoctorHours;
  currentDoctor: DoctorHours;
  roomId?: string;
  comment: string;
}

/** Only a booked appointment is reassigned; something must change; a new doctor must work at that time. */
export function decideReassign(terms: ReassignTerms, state: Appointment): AppointmentEvent[] {
  assertStatus(state, 'reassign', ['booked']);
  const doctor = terms.doctor ?? terms.currentDoctor;
  const roomId = terms.roomId ?? state.roomId;
  if (doctor.id === state.doctorId && roomId === state.roomId) throw new NothingToReassign();
  if (doctor.id !== state.doctorId) assertWorkingHours(doctor, new Date(state.start), new Date(state.end));
  return [
    new AppointmentReassigned({
      ...factsOf(state),
      doctorId: doctor.id,
      roomId,
      previousDoctorId: state.doctorId,
      previousRoomId: state.roomId,
      comment: terms.comment,
    }),
  ];
}
