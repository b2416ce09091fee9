import { DomainError } from '../../shared/domain-error';

export class AppointmentNotFound extends DomainError {
  readonly code = 'appointment-not-found';
  constructor(readonly appointmentId: string) {
    super(`Appointment ${appointmentId} does not exist`);
  }
}

export class AppointmentAlreadyExists extends DomainError {
  readonly code = 'appointment-already-exists';
  constructor(readonly appointmentId: string) {
    super(`Appointment ${appointmentId} already exists`);
  }
}

export class InvalidTransition extends DomainError {
  readonly code = 'invalid-transition';
  constructor(action: string, status: string, allowed: readonly string[]) {
    super(`Cannot ${action} an appointment that is ${status}; only from ${allowed.join(' or ')}`);
  }
}

export class StartInPast extends DomainError {
  readonly code = 'start-in-past';
  constructor(start: string) {
    super(`The start ${start} is in the past`);
  }
}

export class EndNotAfterStart extends DomainError {
  readonly code = 'end-not-after-start';
  constructor(start: string, end: string) {
    super(`The end ${end} must be after the start ${start}`);
  }
}

export class OutsideWorkingHours extends DomainError {
  readonly code = 'outside-working-hours';
  constructor(doctorId: string, start: string, end: string, timezone: string) {
    super(`${start} to ${end} is outside the working hours of doctor ${doctorId} (${timezone})`);
  }
}

export class NotOnAppointmentDay extends DomainError {
  readonly code = 'not-on-appointment-day';
  constructor(date: string) {
    super(`Check-in is only possible on the day of the appointment (${date})`);
  }
}

export class NotStartedYet extends DomainError {
  readonly code = 'not-started-yet';
  constructor(start: string) {
    super(`A no-show can only be recorded after the start (${start})`);
  }
}

export class NothingToReassign extends DomainError {
  readonly code = 'nothing-to-reassign';
  constructor() {
    super('Reassigning needs a different doctor or a different room');
  }
}

export class TooManyFutureBookings extends DomainError {
  readonly code = 'too-many-future-bookings';
  constructor(patientId: string, limit: number) {
    super(`Patient ${patientId} already holds ${limit} upcoming appointments, the most allowed`);
  }
}
