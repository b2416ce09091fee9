import { DomainError } from '../shared/domain-error';
import { BlockKind } from './reservations';

const BLOCK_NAMES: Record<BlockKind, string> = {
  'time-off': 'time off',
  closure: 'a clinic closure',
  'room-block': 'a room block',
};

/**
 * The time asked for lies in a block of the schedule: a doctor's time off, a clinic closure or
 * a room block. The detail names the block and its local time, so the front desk knows why.
 */
export class TimeBlocked extends DomainError {
  readonly code = 'time-blocked';
  readonly kind = 'conflict';
  override readonly title = 'Time blocked';
  constructor(
    readonly block: { kind: BlockKind; id: string; start: string; end: string },
    /** Whose block it is ("Doctor Ada Lovelace", "Room 1"; absent for a closure). */
    owner: string | null,
    /** The block's start and end on the local clock, with the zone: "2026-12-24 09:00 to 17:00 (Europe/Berlin)". */
    localTime: string,
  ) {
    super(`The time asked for is in ${BLOCK_NAMES[block.kind]}${owner ? ` of ${owner}` : ''}: ${localTime}`);
    this.details.block = block;
  }
}
