import { Query } from '@nestjs/cqrs';
import { Actor } from '../../shared/auth/actor';
import { AppointmentStatus } from '../domain/appointment.state';

interface NamedRef {
  id: string;
  name: string | null;
}

/** A time off of the doctor or a clinic closure that overlaps the day. */
export interface DayBlock {
  id: string;
  kind: 'time-off' | 'closure';
  start: string;
  end: string;
  reason: string;
}

/** A slot hold of the doctor that overlaps the day: held for a patient until `expiresAt`. */
export interface DayHold {
  id: string;
  start: string;
  end: string;
  expiresAt: string;
  patient: NamedRef;
  room: NamedRef;
  /** The waitlist entry the hold is an offer to; null for a hold a client took. */
  waitlistEntryId: string | null;
}

/**
 * A doctor's day: the working hours in force on that date as instants, the blocks over it (the
 * doctor's time off, clinic closures), the appointments and the slots held, in start order.
 */
export interface DoctorDaySchedule {
  doctor: NamedRef & { timezone: string };
  date: string;
  workingHours: Array<{ start: string; end: string }>;
  blocks: DayBlock[];
  appointments: Array<{
    id: string;
    status: AppointmentStatus;
    start: string;
    end: string;
    title: string;
    version: number;
    patient: NamedRef;
    room: NamedRef;
    appointmentType: NamedRef;
  }>;
  holds: DayHold[];
}

export class GetDoctorSchedule extends Query<DoctorDaySchedule> {
  constructor(
    readonly doctorId: string,
    readonly date: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
