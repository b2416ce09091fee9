import { DateTime } from 'luxon';
import { slotKey } from '../domain/waitlist-entry.state';
import { WaitlistEntryFacts } from '../domain/waitlist.events';
import { FreedTime } from './freed-time';

/*
 * Who is offered freed time, and which slot: pure, with the clinic's zone and "now" as values.
 * The slots themselves (bookable: working hours, a free doctor, room and patient) come from the
 * availability computation; here they are only chosen among.
 */

/** A waiting entry as the choice sees it, with the slots offered to it before. */
export interface WaitingEntry extends WaitlistEntryFacts {
  offeredSlots: readonly string[];
}

/** A bookable slot of an entry's appointment type: its doctor, room and time. */
export interface CandidateSlot {
  doctorId: string;
  roomId: string;
  start: string;
  end: string;
}

/** The clinic's local date of an instant. */
export function localDate(instant: string | Date, zone: string): string {
  const at = typeof instant === 'string' ? DateTime.fromISO(instant, { zone }) : DateTime.fromJSDate(instant, { zone });
  return at.toISODate() ?? '';
}

/** The local dates (in `zone`) the freed time touches, from its start to its last moment, in order. */
export function localDatesOf(freed: Pick<FreedTime, 'start' | 'end'>, zone: string): string[] {
  const first = DateTime.fromISO(freed.start, { zone }).startOf('day');
  const last = DateTime.fromMillis(Date.parse(freed.end) - 1, { zone }).startOf('day');
  const dates: string[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) dates.push(day.toISODate() ?? '');
  return dates;
}

/**
 * Whether the entry can be offered anything of the freed time: its doctor (if it names one) is
 * the one freed (or any doctor was), the freed time has a local date in the entry's window, and
 * it has not ended by `now`.
 */
export function mayBeOffered(entry: WaitingEntry, freed: FreedTime, zone: string, now: Date): boolean {
  if (Date.parse(freed.end) <= now.getTime()) return false;
  if (entry.doctorId !== null && freed.doctorId !== null && entry.doctorId !== freed.doctorId) return false;
  return localDate(freed.start, zone) <= entry.to && localDate(new Date(Date.parse(freed.end) - 1), zone) >= entry.from;
}

/**
 * Whether a slot may be offered to the entry out of the freed time: inside the freed time, with
 * the doctor and room it freed (when it names them), the entry's doctor (when it names one), on
 * a local date of the entry's window, starting after `now`, and never offered to it before.
 */
function fits(entry: WaitingEntry, freed: FreedTime, slot: CandidateSlot, zone: string, now: Date): boolean {
  const start = Date.parse(slot.start);
  const date = localDate(slot.start, zone);
  return (
    start >= Date.parse(freed.start) &&
    Date.parse(slot.end) <= Date.parse(freed.end) &&
    start > now.getTime() &&
    (freed.doctorId === null || slot.doctorId === freed.doctorId) &&
    (freed.roomId === null || slot.roomId === freed.roomId) &&
    (entry.doctorId === null || slot.doctorId === entry.doctorId) &&
    date >= entry.from &&
    date <= entry.to &&
    !entry.offeredSlots.includes(slotKey(slot))
  );
}

/** The slot the entry is offered: the earliest that fits (then by doctor and room id), or null. */
export function chooseSlot(entry: WaitingEntry, freed: FreedTime, candidates: readonly CandidateSlot[], zone: string, now: Date): CandidateSlot | null {
  const fitting = candidates.filter((slot) => fits(entry, freed, slot, zone, now));
  fitting.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.doctorId.localeCompare(b.doctorId) || a.roomId.localeCompare(b.roomId));
  return fitting[0] ?? null;
}
