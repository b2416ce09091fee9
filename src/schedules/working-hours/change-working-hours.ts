import { Command } from '@nestjs/cqrs';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { isWithinWorkingHours, localDateOf, WorkingHours } from '../../appointments/domain/working-hours';
import { DomainError } from '../../shared/domain-error';
import { WorkingHoursChanged } from '../domain/schedule.events';
import { evolveDoctorSchedule } from '../domain/schedule.evolve';
import { DoctorScheduleState, WorkingHoursPlan } from '../domain/schedule.state';

/** New working hours for a doctor, in force from a local date (the doctor's zone) on. */
export class ChangeWorkingHours extends Command<WorkingHoursChangeOutcome> {
  constructor(
    readonly doctorId: string,
    readonly request: { effectiveFrom: string; workingHours: WorkingHours },
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** What a change answers: the hours recorded, and the booked appointments they leave outside. */
export interface WorkingHoursChangeOutcome {
  doctorId: string;
  effectiveFrom: string;
  workingHours: WorkingHours;
  outsideHours: string[];
  /** Global position of the event appended, for read-your-writes. */
  position: number;
}

/** A booked appointment of the doctor that has not started yet, as the reservations hold it. */
export interface UpcomingAppointment {
  id: string;
  start: Date;
  end: Date;
}

/** What a working-hours change decides on. */
export interface WorkingHoursChangeTerms {
  effectiveFrom: string;
  workingHours: WorkingHours;
  doctor: {
    id: string;
    timezone: string;
    /** The hours the doctor was created with: in force before the first recorded change. */
    initialHours: WorkingHours;
  };
  /** The doctor's booked appointments not started yet, in start order. */
  upcoming: readonly UpcomingAppointment[];
}

/** New hours may only take effect from today on (the doctor's local date): the past stays as it was. */
export class WorkingHoursRetroactive extends DomainError {
  readonly code = 'working-hours-retroactive';
  readonly kind = 'rule-broken';
  override readonly title = 'Rule broken';
  constructor(effectiveFrom: string, today: string, timezone: string) {
    super(`Working hours cannot change retroactively: effectiveFrom ${effectiveFrom} is before today, ${today} (${timezone})`);
    this.details.today = today;
  }
}

/** The hours in force on a local date: the latest plan effective on or before it, else the initial hours. */
export function hoursInForceOn(plans: readonly WorkingHoursPlan[], initialHours: WorkingHours, localDate: string): WorkingHours {
  const inForce = plans.filter((plan) => plan.effectiveFrom <= localDate).at(-1);
  return inForce?.workingHours ?? initialHours;
}

/**
 * Records new hours from `effectiveFrom` (never before today in the doctor's zone); a change for
 * the same date replaces the earlier one, and a later plan stays in force from its own date.
 * The booked appointments on or after `effectiveFrom` that the hours in force on their local
 * date leave outside, once this change is applied, are listed in the event: they stay booked
 * and need attention (`GET /appointments?needsAttention=true`).
 */
export function decideWorkingHoursChange(terms: WorkingHoursChangeTerms, state: DoctorScheduleState, now: Date): WorkingHoursChanged[] {
  const { doctor, effectiveFrom, workingHours } = terms;
  const today = localDateOf(now, doctor.timezone);
  if (effectiveFrom < today) throw new WorkingHoursRetroactive(effectiveFrom, today, doctor.timezone);

  const facts = { doctorId: doctor.id, effectiveFrom, timezone: doctor.timezone, workingHours };
  const { plans } = evolveDoctorSchedule(state, new WorkingHoursChanged({ ...facts, outsideHours: [] }));
  const outsideHours = terms.upcoming
    .filter(({ start, end }) => {
      const localDate = localDateOf(start, doctor.timezone);
      if (localDate < effectiveFrom) return false;
      const hours = hoursInForceOn(plans, doctor.initialHours, localDate);
      return !isWithinWorkingHours({ id: doctor.id, timezone: doctor.timezone, workingHours: hours }, start, end);
    })
    .map(({ id }) => id);
  return [new WorkingHoursChanged({ ...facts, outsideHours })];
}
