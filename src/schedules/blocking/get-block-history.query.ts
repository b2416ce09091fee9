import { Query } from '@nestjs/cqrs';
import { HistoryEntry } from '../../event-store/stream-history';

/** The history of a clinic closure or of a room block (of this room): its stream's events. */
export class GetBlockHistory extends Query<{ items: HistoryEntry[] }> {
  constructor(
    readonly block: { kind: 'closure'; closureId: string } | { kind: 'room-block'; roomId: string; blockId: string },
  ) {
    super();
  }
}
