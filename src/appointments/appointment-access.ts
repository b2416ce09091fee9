import { Actor } from '../shared/auth/actor';
import { AppointmentNotFound } from './domain/appointment.errors';
import { Appointment } from './domain/appointment.state';

/** A patient or doctor may only act on their own appointments; others' do not exist for them. */
export function assertVisibleTo(actor: Actor, appointment: Pick<Appointment, 'id' | 'patientId' | 'doctorId'>): void {
  const own =
    (actor.role !== 'patient' || actor.patientId === appointment.patientId) &&
    (actor.role !== 'doctor' || actor.doctorId === appointment.doctorId);
  if (!own) throw new AppointmentNotFound(appointment.id);
}

/** The appointment a command changes: it must exist and be the actor's to act on, else it is not found. */
export function assertChangeableBy(actor: Actor, appointmentId: string, state: Appointment | null): asserts state is Appointment {
  if (state === null) throw new AppointmentNotFound(appointmentId);
  assertVisibleTo(actor, state);
}
