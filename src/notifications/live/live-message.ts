import { AppointmentResource } from '../../appointments/appointment-resource';
import { CommitPoint } from '../../event-store/stored-event';
import { WorkingHours } from '../../appointments/domain/working-hours';
import { ScheduleBlock } from '../../schedules/read-side/schedule-block';
import { Actor } from '../../shared/auth/actor';

/**
 * What a dashboard receives for every appointment change (socket.io event `appointment`):
 * `{ position, eventType, appointment }`, and the correlation id of the request that caused it,
 * to follow one booking end to end.
 */
export interface LiveMessage {
  position: number;
  eventType: string;
  appointment: AppointmentResource;
  correlationId: string;
}

/**
 * What a dashboard receives for every schedule change (socket.io event `schedule`): a time off,
 * closure or room block as it stands after the change (`block`, `cancelled: true` once
 * cancelled), or a doctor's new working hours (`workingHours`).
 */
export type ScheduleLiveMessage = { position: number; eventType: string; correlationId: string } & (
  | { block: ScheduleBlock }
  | { workingHours: { doctorId: string; effectiveFrom: string; workingHours: WorkingHours } }
);

/** The doctors a schedule change concerns: some (none for a room block), or every doctor (a closure). */
export type ScheduleAudience = string[] | 'every doctor';

/** A message with what the server needs to order and address it (not sent to clients). */
export type LiveDelivery = {
  transactionId: string;
  /** Doctors concerned: an appointment's (and the previous one after a reassignment), a schedule change's. */
  doctors: ScheduleAudience;
  /** The patient concerned (an appointment's), or null. */
  patientId: string | null;
} & ({ channel: 'appointment'; message: LiveMessage } | { channel: 'schedule'; message: ScheduleLiveMessage });

/**
 * Staff and admins see every change; a doctor their own appointments, time off and working
 * hours, and the clinic's closures; a patient their own appointments. A resume selects the same
 * audience in SQL (missed-events.ts): the two change together.
 */
export function mayReceive(actor: Actor, delivery: LiveDelivery): boolean {
  switch (actor.role) {
    case 'admin':
    case 'staff':
      return true;
    case 'doctor':
      return actor.doctorId !== undefined && (delivery.doctors === 'every doctor' || delivery.doctors.includes(actor.doctorId));
    case 'patient':
      return delivery.patientId !== null && actor.patientId === delivery.patientId;
    default:
      return false;
  }
}

/** Commit order: the writing transaction first, then the position (negative: `a` comes first). */
export function commitOrder(a: CommitPoint, b: CommitPoint): number {
  const [ta, tb] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  return ta === tb ? a.position - b.position : ta < tb ? -1 : 1;
}

/** Where a delivery's event is in the log. */
export function commitPointOf(delivery: LiveDelivery): CommitPoint {
  return { transactionId: delivery.transactionId, position: delivery.message.position };
}
