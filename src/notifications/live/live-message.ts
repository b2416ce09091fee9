import { AppointmentResource } from '../../appointments/appointment-resource';
import { CommitPoint } from '../../event-store/stored-event';
import { Actor } from '../../shared/auth/actor';

/**
 * What a dashboard receives for every change: `{ position, eventType, appointment }`, and the
 * correlation id of the request that caused it, to follow one booking end to end.
 */
export interface LiveMessage {
  position: number;
  eventType: string;
  appointment: AppointmentResource;
  correlationId: string;
}

/** A message with what the server needs to order and address it (not sent to clients). */
export interface LiveDelivery {
  message: LiveMessage;
  transactionId: string;
  /** Doctors concerned: the appointment's, and the previous one after a reassignment. */
  doctorIds: string[];
  patientId: string;
}

/**
 * Staff and admins see every change; a doctor or a patient their own appointments. A resume
 * selects the same audience in SQL (missed-events.ts): the two change together.
 */
export function mayReceive(actor: Actor, delivery: LiveDelivery): boolean {
  switch (actor.role) {
    case 'admin':
    case 'staff':
      return true;
    case 'doctor':
      return actor.doctorId !== undefined && delivery.doctorIds.includes(actor.doctorId);
    case 'patient':
      return actor.patientId === delivery.patientId;
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
