import type { BlockKind } from '../../reservations/reservations';
import { assertNever } from '../../appointments/domain/assert-never';
import {
  BlockFacts,
  SCHEDULE_EVENT_CLASSES,
  ScheduleEvent,
  WorkingHoursChanged,
} from '../domain/schedule.events';

/**
 * A block as the read side shows it (the `schedule_blocks` rows, the doctor's day, the live
 * messages): a time off holds its doctor, a room block its room, a closure the whole clinic.
 * A cancelled block stays, marked, so that a cancellation can be told apart from a block never seen.
 */
export interface ScheduleBlock {
  id: string;
  kind: BlockKind;
  doctorId: string | null;
  roomId: string | null;
  start: string;
  end: string;
  reason: string;
  cancelled: boolean;
}

/** The schedule events that schedule or cancel a block (every one but WorkingHoursChanged). */
export type BlockEvent = Exclude<ScheduleEvent, { type: 'WorkingHoursChanged' }>;

/** The block event classes, for the subscriptions that react to them: every schedule event class but WorkingHoursChanged. */
export const BLOCK_EVENT_CLASSES = Object.values(SCHEDULE_EVENT_CLASSES).filter((eventClass) => eventClass.type !== WorkingHoursChanged.type);

export function isBlockEvent(event: ScheduleEvent): event is BlockEvent {
  return event.type !== 'WorkingHoursChanged';
}

/** Whether a block event cancels its block (rather than schedules it). */
export function isCancellation(event: BlockEvent): boolean {
  return event.type === 'TimeOffCancelled' || event.type === 'ClinicClosureCancelled' || event.type === 'RoomBlockCancelled';
}

/** The id of the block an event is about (a time off's, a closure's or a room block's). */
export function blockIdOf(event: BlockEvent): string {
  switch (event.type) {
    case 'TimeOffScheduled':
    case 'TimeOffCancelled':
      return event.data.timeOffId;
    case 'ClinicClosureScheduled':
    case 'ClinicClosureCancelled':
      return event.data.closureId;
    case 'RoomBlockScheduled':
    case 'RoomBlockCancelled':
      return event.data.blockId;
    default:
      return assertNever(event);
  }
}

/** The block unknown to the read side that a cancellation names: its streams were read out of order, or a row is missing. */
export class UnknownBlockCancelled extends Error {
  override readonly name = 'UnknownBlockCancelled';
}

const instant = (iso: string) => new Date(iso).toISOString();

/**
 * The block after `event`, given the block as it stood before (null: not seen yet). Scheduling
 * describes the whole block; a cancellation marks the block seen before, which must exist.
 */
export function blockAfter(event: BlockEvent, before: ScheduleBlock | null): ScheduleBlock {
  const scheduled = (kind: BlockKind, facts: BlockFacts, holds: { doctorId?: string; roomId?: string }): ScheduleBlock => ({
    id: blockIdOf(event),
    kind,
    doctorId: holds.doctorId ?? null,
    roomId: holds.roomId ?? null,
    start: instant(facts.start),
    end: instant(facts.end),
    reason: facts.reason,
    cancelled: false,
  });
  switch (event.type) {
    case 'TimeOffScheduled':
      return scheduled('time-off', event.data, { doctorId: event.data.doctorId });
    case 'ClinicClosureScheduled':
      return scheduled('closure', event.data, {});
    case 'RoomBlockScheduled':
      return scheduled('room-block', event.data, { roomId: event.data.roomId });
    case 'TimeOffCancelled':
    case 'ClinicClosureCancelled':
    case 'RoomBlockCancelled':
      if (!before) throw new UnknownBlockCancelled(`${event.type} of block ${blockIdOf(event)}, which was never scheduled`);
      return { ...before, cancelled: true };
    default:
      return assertNever(event);
  }
}
