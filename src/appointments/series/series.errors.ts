import { DomainError } from '../../shared/domain-error';

/** An occurrence of a series as a refusal lists it: its own time. */
export interface OccurrenceTime {
  start: string;
  end: string;
}

/**
 * What is in an occurrence's way: `blockedBy` says what is not free (the doctor, the room or the
 * patient has another booking; or a time off, closure or room block holds the time) and `reason`
 * names it ("Doctor Ada Lovelace is booked", "Time off of Doctor Ada Lovelace, 2027-03-29 08:00
 * to 18:00 (Europe/Berlin)"). Another patient's booking is never identified beyond that.
 */
export interface OccurrenceConflict extends OccurrenceTime {
  blockedBy: 'doctor' | 'room' | 'patient' | 'time-off' | 'closure' | 'room-block';
  reason: string;
}

export class SeriesNotFound extends DomainError {
  readonly code = 'appointment-series-not-found';
  readonly kind = 'not-found';
  constructor(readonly seriesId: string) {
    super(`Appointment series ${seriesId} does not exist`);
  }
}

/** Occurrences whose time is not free: the series is booked whole or not at all. */
export class SeriesOccurrencesTaken extends DomainError {
  readonly code = 'series-occurrences-taken';
  readonly kind = 'conflict';
  override readonly title = 'Occurrences taken';
  constructor(readonly conflicts: OccurrenceConflict[]) {
    super(`${conflicts.length === 1 ? 'One occurrence' : `${conflicts.length} occurrences`} of the series cannot be booked: the time is taken; nothing was booked`);
    this.details.conflicts = conflicts;
  }
}

/** Occurrences outside the doctor's working hours in force on their dates. */
export class SeriesOutsideWorkingHours extends DomainError {
  readonly code = 'series-outside-working-hours';
  readonly kind = 'rule-broken';
  override readonly title = 'Occurrences outside working hours';
  constructor(doctorId: string, timezone: string, readonly outsideHours: OccurrenceTime[]) {
    super(
      `${outsideHours.length === 1 ? 'One occurrence' : `${outsideHours.length} occurrences`} of the series ` +
        `${outsideHours.length === 1 ? 'is' : 'are'} outside the working hours of doctor ${doctorId} (${timezone}); nothing was booked`,
    );
    this.details.outsideHours = outsideHours;
  }
}

/** The recurrence read on the doctor's clock gives no occurrence, or more than a series may hold. */
export class InvalidRecurrence extends DomainError {
  readonly code = 'invalid-recurrence';
  readonly kind = 'rule-broken';
}

/** A series is cancelled from today on at the earliest: what is past stays as it happened. */
export class SeriesCancellationRetroactive extends DomainError {
  readonly code = 'series-cancellation-retroactive';
  readonly kind = 'rule-broken';
  constructor(from: string, today: string, timezone: string) {
    super(`A series is cancelled from today on: ${from} is before today (${today} in ${timezone})`);
  }
}

/** No occurrence of the series is still booked from that date on. */
export class NothingToCancel extends DomainError {
  readonly code = 'series-nothing-to-cancel';
  readonly kind = 'rule-broken';
  constructor(seriesId: string, from: string) {
    super(`No occurrence of series ${seriesId} is still booked from ${from} on`);
  }
}
