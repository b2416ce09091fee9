import { DomainError } from '../../shared/domain-error';

/*
 * The rules a block of the schedule (a time off, a clinic closure, a room block) can break.
 * What is in its way is a conflict; a block that is too long or has no reason breaks a rule.
 */

/** An appointment a block would cover, as the 409 lists it. */
export interface ConflictingAppointment {
  appointmentId: string;
  start: string;
  end: string;
}

/** A slot hold a block would cover, as the 409 lists it. */
export interface ConflictingHold {
  holdId: string;
  start: string;
  end: string;
}

/**
 * Booked (or checked-in) appointments, or slot holds, lie in the time a block wants; the block
 * was not recorded. `conflicts` lists them, so the front desk can move them or send the block
 * again with `cancelAppointments: true` (the appointments cancelled, the holds released).
 */
export class AppointmentsInTheWay extends DomainError {
  readonly code = 'appointments-in-the-way';
  readonly kind = 'conflict';
  override readonly title = 'Appointments in the way';
  constructor(readonly conflicts: Array<ConflictingAppointment | ConflictingHold>) {
    super(
      `${conflicts.length === 1 ? 'An appointment or hold is' : `${conflicts.length} appointments or holds are`} in that time: ` +
        `move, cancel or release ${conflicts.length === 1 ? 'it' : 'them'}, or send cancelAppointments: true`,
    );
    this.details.conflicts = conflicts;
  }
}

export class BlockTooLong extends DomainError {
  readonly code = 'block-too-long';
  readonly kind = 'rule-broken';
  constructor(start: string, end: string, maxDays: number) {
    super(`A block may last at most ${maxDays} days; ${start} to ${end} is longer`);
  }
}

export class BlockReasonRequired extends DomainError {
  readonly code = 'block-reason-required';
  readonly kind = 'rule-broken';
  constructor(what: string) {
    super(`A ${what} needs a reason (it is shown to everyone whose appointments it affects)`);
  }
}
