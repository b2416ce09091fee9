import { DateTime } from 'luxon';
import { AppointmentTypeTerms } from '../../appointments/domain/appointment-rules';
import { DoctorHours, workingRangesOn } from '../../appointments/domain/working-hours';
import type { ReservationKind } from '../../reservations/reservations';

/*
 * Free slots, computed purely from the working hours in force on a date and the time already
 * reserved: no framework, database or clock here ("now" is a value).
 */

/** Candidate starts are this many minutes apart, from the start of each working range. */
export const SLOT_STEP_MINUTES = 15;

/**
 * One row of the reservations: what holds it, whose doctor, room and patient it holds (a time off
 * only its doctor, a room block only its room, a closure nobody in particular but the whole
 * clinic), and the time it occupies with its buffers (`during`).
 */
export interface ReservedRange {
  kind: ReservationKind;
  doctorId: string | null;
  roomId: string | null;
  patientId: string | null;
  start: Date;
  end: Date;
}

/** Whom a new booking would hold: its doctor, and the room and the patient when they are known. */
export interface WantedBooking {
  doctorId: string;
  roomId?: string;
  patientId?: string;
}

export interface FreeSlot {
  start: string;
  end: string;
}

/**
 * Whether a reservation stands in the way of a booking, by the rules of the reservations'
 * exclusion constraints: it holds the same doctor (an appointment, a hold, a time off), the same
 * room (also a room block) or the same patient, or it is a clinic closure, which no booking may
 * overlap.
 */
export function standsInTheWay(reserved: ReservedRange, wanted: WantedBooking): boolean {
  return (
    reserved.kind === 'closure' ||
    reserved.doctorId === wanted.doctorId ||
    (wanted.roomId !== undefined && reserved.roomId === wanted.roomId) ||
    (wanted.patientId !== undefined && reserved.patientId === wanted.patientId)
  );
}

/** Where the doctor's working ranges of a local date lie, as instants; none on a day off. */
export function workingRangesOfDate(doctor: DoctorHours, date: string): Array<{ start: Date; end: Date }> {
  return workingRangesOn(doctor, DateTime.fromISO(date, { zone: doctor.timezone })).map((range) => ({
    start: range.start.toJSDate(),
    end: range.end.toJSDate(),
  }));
}

/**
 * The free slots for an appointment type on a doctor's local date: inside the working hours in
 * force on that date in the doctor's timezone (DST-aware), not in the past, and such that the new
 * appointment's range with its own buffers overlaps nothing that stands in its way — the same rule
 * the reservations' exclusion constraints apply when booking: half-open ranges, both sides'
 * buffers included (`reserved` carries the existing occupations' buffers already).
 */
export function freeSlots(input: {
  doctor: DoctorHours;
  date: string;
  appointmentType: AppointmentTypeTerms;
  wanted?: Omit<WantedBooking, 'doctorId'>;
  reserved: readonly ReservedRange[];
  now: Date;
}): FreeSlot[] {
  const { doctor, appointmentType: type, now } = input;
  const wanted: WantedBooking = { ...input.wanted, doctorId: doctor.id };
  const inTheWay = input.reserved.filter((reserved) => standsInTheWay(reserved, wanted));
  const minute = 60_000;
  const slots: FreeSlot[] = [];
  for (const range of workingRangesOfDate(doctor, input.date)) {
    const rangeEnd = range.end.getTime();
    for (let start = range.start.getTime(); start + type.durationMinutes * minute <= rangeEnd; start += SLOT_STEP_MINUTES * minute) {
      const end = start + type.durationMinutes * minute;
      const blockedFrom = start - type.bufferBeforeMinutes * minute;
      const blockedTo = end + type.bufferAfterMinutes * minute;
      if (start < now.getTime()) continue;
      if (inTheWay.some((o) => blockedFrom < o.end.getTime() && o.start.getTime() < blockedTo)) continue;
      slots.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    }
  }
  return slots;
}

/** A free slot across the clinic names its doctor. */
export interface DoctorFreeSlot extends FreeSlot {
  doctorId: string;
}

/**
 * The free slots of several doctors on a date (each on their own local date), sorted by start
 * and then by doctor; a doctor who does not work that day contributes nothing.
 */
export function clinicFreeSlots(input: {
  doctors: readonly DoctorHours[];
  date: string;
  appointmentType: AppointmentTypeTerms;
  reserved: readonly ReservedRange[];
  now: Date;
}): DoctorFreeSlot[] {
  const { doctors, ...day } = input;
  return doctors
    .flatMap((doctor) => freeSlots({ ...day, doctor }).map((slot) => ({ doctorId: doctor.id, ...slot })))
    .sort((a, b) => a.start.localeCompare(b.start) || a.doctorId.localeCompare(b.doctorId));
}

/**
 * The stretch of time whose reservations can matter to the slots of these working ranges: from
 * the earliest start less the type's buffer before to the latest end plus its buffer after;
 * null when there are no ranges (nobody works that day).
 */
export function reservedWindow(ranges: ReadonlyArray<{ start: Date; end: Date }>, type: AppointmentTypeTerms): { start: Date; end: Date } | null {
  if (ranges.length === 0) return null;
  const minute = 60_000;
  const start = Math.min(...ranges.map((range) => range.start.getTime())) - type.bufferBeforeMinutes * minute;
  const end = Math.max(...ranges.map((range) => range.end.getTime())) + type.bufferAfterMinutes * minute;
  return { start: new Date(start), end: new Date(end) };
}
