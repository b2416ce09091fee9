import { AppointmentResource } from '../../appointments/appointment-resource';
import { HoldResource } from '../../appointments/holds/hold-resource';
import { CommitPoint } from '../../event-store/stored-event';
import { WorkingHours } from '../../appointments/domain/working-hours';
import { WaitlistOffer } from '../../waitlist/domain/waitlist.events';
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

/** What a dashboard receives for every hold change (socket.io event `hold`): the hold as it stands after the change. */
export interface HoldLiveMessage {
  position: number;
  eventType: string;
  hold: HoldResource;
  correlationId: string;
}

export type LiveWaitlistStatus = 'waiting' | 'offered' | 'booked' | 'expired' | 'cancelled';

/**
 * A waitlist entry as it stands after a change: the window (local dates in the clinic's zone,
 * inclusive), the doctor asked for (null: any), the open offer, and the appointment once booked.
 */
export interface LiveWaitlistEntry {
  id: string;
  status: LiveWaitlistStatus;
  patientId: string;
  appointmentTypeId: string;
  from: string;
  to: string;
  doctorId: string | null;
  offer: WaitlistOffer | null;
  appointmentId: string | null;
}

/** What a dashboard receives for every waitlist change (socket.io event `waitlist`). */
export interface WaitlistLiveMessage {
  position: number;
  eventType: string;
  waitlist: LiveWaitlistEntry;
  correlationId: string;
}

/** The doctors a schedule change concerns: some (none for a room block), or every doctor (a closure). */
export type ScheduleAudience = string[] | 'every doctor';

/** A message with what the server needs to order and address it (not sent to clients). */
export type LiveDelivery = {
  transactionId: string;
  /** Doctors concerned: an appointment's (and the previous one after a reassignment), a schedule change's, a hold's. */
  doctors: ScheduleAudience;
  /** The patient concerned (an appointment's, a hold's, a waitlist entry's), or null. */
  patientId: string | null;
} & (
  | { channel: 'appointment'; message: LiveMessage }
  | { channel: 'schedule'; message: ScheduleLiveMessage }
  | { channel: 'hold'; message: HoldLiveMessage }
  | { channel: 'waitlist'; message: WaitlistLiveMessage }
);

/**
 * Staff and admins see every change; a doctor their own appointments, holds, time off and
 * working hours, and the clinic's closures; a patient their own appointments, holds and waitlist
 * entries. A resume selects the same audience in SQL (missed-events.ts): the two change
 * together.
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
