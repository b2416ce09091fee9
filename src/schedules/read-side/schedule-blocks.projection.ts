import { Injectable } from '@nestjs/common';
import { BatchDelivery, DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { BLOCK_EVENT_CLASSES, BlockEvent, blockAfter, blockIdOf, ScheduleBlock } from './schedule-block';

export const SCHEDULE_BLOCKS_TABLE = 'schedule_blocks';

interface BlockRow {
  id: string;
  kind: ScheduleBlock['kind'];
  doctor_id: string | null;
  room_id: string | null;
  start: Date;
  end: Date;
  reason: string;
  cancelled: boolean;
  version: number;
}

function blockOf(row: BlockRow): ScheduleBlock {
  return {
    id: row.id,
    kind: row.kind,
    doctorId: row.doctor_id,
    roomId: row.room_id,
    start: row.start.toISOString(),
    end: row.end.toISOString(),
    reason: row.reason,
    cancelled: row.cancelled,
  };
}

/**
 * Keeps `schedule_blocks`, one row per time off, clinic closure and room block, from the
 * schedule streams. `version` is the version of the block's stream at the row's last change (a
 * time off lives in its doctor's stream): an event at or below it was applied already, so a
 * redelivery changes nothing. A cancellation keeps the row, marked `cancelled`. A batch costs
 * two statements whatever its size; a cancellation of a block never seen stops the projection.
 */
@Injectable()
@DurableEventsHandler({ name: SUBSCRIPTIONS.scheduleBlocks, events: BLOCK_EVENT_CLASSES })
export class ScheduleBlocksProjection implements DurableBatchHandler<BlockEvent> {
  async handleBatch(events: ReadonlyArray<DeliveredEvent<BlockEvent>>, { db, table }: BatchDelivery): Promise<void> {
    const target = table(SCHEDULE_BLOCKS_TABLE);
    const ids = [...new Set(events.map(({ event }) => blockIdOf(event)))];
    const rows: BlockRow[] = await db.query(
      `select id, kind, doctor_id, room_id, start, "end", reason, cancelled, version from ${target}
       where id = any($1::uuid[]) order by id for update`,
      [ids],
    );
    const current = new Map(rows.map((row) => [row.id, { block: blockOf(row), version: row.version }]));
    const changed = new Map<string, { block: ScheduleBlock; version: number }>();
    for (const { event, stored } of events) {
      const id = blockIdOf(event);
      const known = current.get(id);
      if (known && known.version >= stored.version) continue;
      const next = { block: blockAfter(event, known?.block ?? null), version: stored.version };
      current.set(id, next);
      changed.set(id, next);
    }
    if (changed.size === 0) return;
    await db.query(
      `insert into ${target} (id, kind, doctor_id, room_id, start, "end", reason, cancelled, version)
       select r.id, r.kind, r.doctor_id, r.room_id, r.start, r."end", r.reason, r.cancelled, r.version
       from jsonb_to_recordset($1::jsonb) as r(id uuid, kind text, doctor_id uuid, room_id uuid, start timestamptz,
         "end" timestamptz, reason text, cancelled boolean, version int)
       on conflict (id) do update set
         kind = excluded.kind, doctor_id = excluded.doctor_id, room_id = excluded.room_id, start = excluded.start,
         "end" = excluded."end", reason = excluded.reason, cancelled = excluded.cancelled, version = excluded.version`,
      [
        JSON.stringify(
          [...changed.values()].map(({ block, version }) => ({
            id: block.id,
            kind: block.kind,
            doctor_id: block.doctorId,
            room_id: block.roomId,
            start: block.start,
            end: block.end,
            reason: block.reason,
            cancelled: block.cancelled,
            version,
          })),
        ),
      ],
    );
  }
}
