import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore } from '../../event-store/event-store';
import { StoredEvent } from '../../event-store/stored-event';
import { HistoryEntry, historyEntryOf } from '../../event-store/stream-history';
import { RecordNotFound } from '../../shared/application-errors';
import { BlockFacts, CLINIC_CLOSURE_AGGREGATE_TYPE, ClinicClosureEvent, ROOM_BLOCK_AGGREGATE_TYPE, RoomBlockEvent } from '../domain/schedule.events';
import { ClinicClosureStream, RoomBlockStream } from '../persistence/schedule-streams';
import { GetBlockHistory } from './get-block-history.query';

/** What a block's event changed, as its history shows it; the reason it was scheduled for is the note. */
function changeOf(event: ClinicClosureEvent | RoomBlockEvent): Pick<HistoryEntry, 'changes' | 'note'> {
  if (event.type === 'ClinicClosureCancelled' || event.type === 'RoomBlockCancelled') return { changes: { cancelled: { from: false, to: true } } };
  const { start, end, reason, cancelledAppointmentIds }: BlockFacts = event.data;
  return {
    changes: {
      start: { from: null, to: start },
      end: { from: null, to: end },
      ...(cancelledAppointmentIds.length > 0 ? { cancelledAppointments: { from: null, to: cancelledAppointmentIds } } : {}),
    },
    note: reason,
  };
}

/**
 * A closure's or room block's history, read from its stream itself (a block has two events at
 * most), so it is never behind. An id of another stream, or a block of another room, is not found.
 */
@QueryHandler(GetBlockHistory)
export class GetBlockHistoryHandler implements IQueryHandler<GetBlockHistory> {
  constructor(
    private readonly eventStore: EventStore,
    private readonly closures: ClinicClosureStream,
    private readonly roomBlocks: RoomBlockStream,
  ) {}

  async execute({ block }: GetBlockHistory) {
    const id = block.kind === 'closure' ? block.closureId : block.blockId;
    const stored = await this.eventStore.readStream(id);
    const aggregateType = block.kind === 'closure' ? CLINIC_CLOSURE_AGGREGATE_TYPE : ROOM_BLOCK_AGGREGATE_TYPE;
    if (stored.length === 0 || stored[0].aggregateType !== aggregateType) throw new RecordNotFound(block.kind === 'closure' ? 'Clinic closure' : 'Room block', id);
    const events = stored.map((each) => ({ stored: each, event: this.decode(block.kind, each) }));
    const [first] = events;
    if (first.event.type === 'RoomBlockScheduled' && block.kind === 'room-block' && first.event.data.roomId !== block.roomId) {
      throw new RecordNotFound('Room block', id);
    }
    return { items: events.map(({ stored: each, event }) => {
      const { changes, note } = changeOf(event);
      return historyEntryOf(each, changes, note);
    }) };
  }

  private decode(kind: GetBlockHistory['block']['kind'], stored: StoredEvent): ClinicClosureEvent | RoomBlockEvent {
    return kind === 'closure' ? this.closures.decode(stored) : this.roomBlocks.decode(stored);
  }
}
