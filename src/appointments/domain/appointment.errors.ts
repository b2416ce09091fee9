import { DomainError } from '../../shared/domain-error';

/*
 * The rules an appointment can break. Kinds (see DomainError): an unknown appointment is
 * not-found, an id used twice a conflict, every other rule rule-broken.
 */

export class AppointmentNotFound extends DomainError {
  readonly code = 'appointment-not-found';
  readonly kind = 'not-found';
  constructor(readonly appointmentId: string) {
    super(`Appointment ${appointmentId} does not exist`);
  }
}

export class AppointmentAlreadyExists extends DomainError {
  readonly code = 'appointment-already-exists';
  readonly kind = 'conflict';
  constructor(readonly appointmentId: string) {
    super(`Appointment ${appointmentId} already exists`);
  }
}

export class InvalidTransition extends DomainError {
  readonly code = 'invalid-transition';
  readonly kind = 'rule-broken';
  constructor(action: string, status: string, allowed: readonly string[]) {
    super(`Cannot ${action} an appointment that is ${status}; only from ${allowed.join(' or ')}`);
  }
}

export class StartInPast extends DomainError {
  readonly code = 'start-in-past';
  readonly kind = 'rule-broken';
  constructor(start: string) {
    super(`The start ${start} is in the past`);
  }
}

export class EndNotAfterStart extends DomainError {
  readonly code = 'end-not-after-start';
  readonly kind = 'rule-broken';
  constructor(start: string, end: string) {
    super(`The end ${end} must be after the start ${start}`);
  }
}

export class OutsideWorkingHours extends DomainError {
  readonly code = 'outside-working-hours';
  readonly kind = 'rule-broken';
  constructor(doctorId: string, start: string, end: string, timezone: string) {
    super(`${start} to ${end} is outside the working hours of doctor ${doctorId} (${timezone})`);
  }
}

export class NotOnAppointmentDay extends DomainError {
  readonly code = 'not-on-appointment-day';
  readonly kind = 'rule-broken';
  constructor(date: string) {
    super(`Check-in is only possible on the day of the appointment (${date})`);
  }
}

export class NotStartedYet extends DomainError {
  readonly code = 'not-started-yet';
  readonly kind = 'rule-broken';
  constructor(start: string) {
    super(`A no-show can only be recorded after the start (${start})`);
  }
}

export class NothingToReassign extends DomainError {
  readonly code = 'nothing-to-reassign';
  readonly kind = 'rule-broken';
  constructor() {
    super('Reassigning needs a different doctor or a different room');
  }
}

export class TooManyFutureBookings extends DomainError {
  readonly code = 'too-many-future-bookings';
  readonly kind = 'rule-broken';
  constructor(patientId: string, limit: number) {
    super(`Patient ${patientId} already holds ${limit} upcoming appointments, the most allowed`);
  }
}

/** Who is already booked in the time: the doctor, the room or the patient. */
export type ReservedResource = 'doctor' | 'room' | 'patient';

/**
 * The doctor, room or patient already has an active appointment overlapping the slot (buffers
 * included), as PostgreSQL's exclusion constraints decided.
 */
export class SlotTaken extends DomainError {
  readonly code = 'slot-taken';
  readonly kind = 'conflict';
  override readonly title = 'Slot taken';
  constructor(
    readonly resource: ReservedResource,
    who: string,
    start: string,
    end: string,
  ) {
    super(`${who} already has an appointment overlapping ${start} to ${end} (buffers included)`);
    this.details.resource = resource;
  }
}
