import { EndNotAfterStart, StartInPast } from '../../appointments/domain/appointment.errors';
import type { BlockKind } from '../../reservations/reservations';
import { TimeBlocked } from '../../reservations/time-blocked';
import { AppointmentsInTheWay, BlockReasonRequired, BlockTooLong } from './block.errors';

/** The longest a block may last: a year (of 366 days, so that a whole leap year fits). */
export const MAX_BLOCK_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a request asks of a block: its time, why, and what to do with appointments in the way. */
export interface BlockTerms {
  /** ISO 8601 instants; the block holds [start, end). */
  start: string;
  end: string;
  reason: string;
  /** Cancel the booked appointments in the way (with the block's reason) instead of refusing. */
  cancelAppointments: boolean;
}

/**
 * What already holds part of the time a block wants, as the reservations table shows it under
 * the block's locks: a booked appointment or a slot hold (its own time, without buffers, although
 * its buffers are what reached into the block), or another block, which comes with its owner's
 * name and its local time for the conflict's detail.
 */
export type Occupant = { kind: 'appointment' | 'hold'; id: string; start: string; end: string } | BlockOccupant;

interface BlockOccupant {
  kind: BlockKind;
  id: string;
  start: string;
  end: string;
  owner: string | null;
  localTime: string;
}

/** The facts a block's event records, once its rules hold. */
export interface DecidedBlock {
  start: string;
  end: string;
  reason: string;
  cancelledAppointmentIds: string[];
}

/**
 * The rules every block follows, in this order: its end after its start, its start not in the
 * past, at most MAX_BLOCK_DAYS long, a reason given (`what` names the block in the error); then
 * what is in its way: another block (of the same doctor or room) is a conflict, and so are booked
 * appointments and slot holds unless the request asks to cancel them: the result then lists the
 * appointments it cancels, and every hold in the way is released with it (holdsInTheWay).
 */
export function decideBlock(what: string, terms: BlockTerms, inTheWay: readonly Occupant[], now: Date): DecidedBlock {
  const start = new Date(terms.start);
  const end = new Date(terms.end);
  if (end.getTime() <= start.getTime()) throw new EndNotAfterStart(terms.start, terms.end);
  if (start.getTime() < now.getTime()) throw new StartInPast(terms.start);
  if (end.getTime() - start.getTime() > MAX_BLOCK_DAYS * DAY_MS) throw new BlockTooLong(terms.start, terms.end, MAX_BLOCK_DAYS);
  const reason = terms.reason.trim();
  if (reason === '') throw new BlockReasonRequired(what);

  const block = inTheWay.find((occupant): occupant is BlockOccupant => 'localTime' in occupant);
  if (block) throw new TimeBlocked({ kind: block.kind, id: block.id, start: block.start, end: block.end }, block.owner, block.localTime);
  const appointments = inTheWay.filter((occupant) => occupant.kind === 'appointment');
  const holds = holdsInTheWay(inTheWay);
  if (appointments.length + holds.length > 0 && !terms.cancelAppointments) {
    throw new AppointmentsInTheWay(
      inTheWay.map(({ kind, id, start: from, end: to }) => (kind === 'hold' ? { holdId: id, start: from, end: to } : { appointmentId: id, start: from, end: to })),
    );
  }
  return {
    start: start.toISOString(),
    end: end.toISOString(),
    reason,
    cancelledAppointmentIds: appointments.map((appointment) => appointment.id),
  };
}

/** The slot holds in a block's way: a block that is recorded releases them all in its transaction. */
export function holdsInTheWay(inTheWay: readonly Occupant[]): string[] {
  return inTheWay.filter((occupant) => occupant.kind === 'hold').map((hold) => hold.id);
}
