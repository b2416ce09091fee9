import { DateTime } from 'luxon';
import { AppointmentTypeTerms } from './appointment-rules';
import { DoctorHours, workingRangesOn } from './working-hours';

/** Candidate starts are this many minutes apart, from the start of each working range. */
export const SLOT_STEP_MINUTES = 15;

/** A range of time an existing appointment blocks, its buffers included. */
export interface OccupiedRange {
  start: Date;
  end: Date;
}

export interface FreeSlot {
  start: string;
  end: string;
}

/**
 * The free slots for an appointment type on a doctor's local date: inside the working hours of
 * that date in the doctor's timezone (DST-aware), not in the past, and such that the new
 * appointment's range with its own buffers overlaps no occupied range — the same rule the
 * reservations' exclusion constraints enforce when booking.
 */
export function freeSlots(input: {
  doctor: DoctorHours;
  date: string;
  appointmentType: AppointmentTypeTerms;
  occupied: readonly OccupiedRange[];
  now: Date;
}): FreeSlot[] {
  const { doctor, appointmentType: type, occupied, now } = input;
  const day = DateTime.fromISO(input.date, { zone: doctor.timezone });
  const minute = 60_000;
  const slots: FreeSlot[] = [];
  for (const range of workingRangesOn(doctor, day)) {
    const rangeEnd = range.end.toMillis();
    for (let start = range.start.toMillis(); start + type.durationMinutes * minute <= rangeEnd; start += SLOT_STEP_MINUTES * minute) {
      const end = start + type.durationMinutes * minute;
      const blockedFrom = start - type.bufferBeforeMinutes * minute;
      const blockedTo = end + type.bufferAfterMinutes * minute;
      if (start < now.getTime()) continue;
      if (occupied.some((o) => blockedFrom < o.end.getTime() && o.start.getTime() < blockedTo)) continue;
      slots.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    }
  }
  return slots;
}
