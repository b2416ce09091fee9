import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadDatabase } from '../../database/read-database';
import { assertOwnersExist } from './block-owners';
import { decodeCursor, encodeCursor, START_CURSOR } from '../../shared/http/page';
import { ListedBlock, ListScheduleBlocks } from './list-schedule-blocks.query';

/** Blocks a page holds when the client names no `limit` (at most MAX_PAGE_SIZE). */
const DEFAULT_PAGE_SIZE = 50;

interface BlockRow {
  id: string;
  doctorId: string | null;
  roomId: string | null;
  start: Date;
  end: Date;
  reason: string;
}

/**
 * Keyset pages of the schedule_blocks read table in start order; cancelled blocks are left out.
 * The doctor or room named must exist (404), whether or not it has blocks.
 */
@QueryHandler(ListScheduleBlocks)
export class ListScheduleBlocksHandler implements IQueryHandler<ListScheduleBlocks> {
  constructor(private readonly dataSource: ReadDatabase) {}

  async execute({ kind, owner, filter }: ListScheduleBlocks) {
    await assertOwnersExist(this.dataSource.manager, owner);
    const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const conditions = [`kind = ${param(kind)}`, 'not cancelled'];
    if (owner.doctorId) conditions.push(`doctor_id = ${param(owner.doctorId)}`);
    if (owner.roomId) conditions.push(`room_id = ${param(owner.roomId)}`);
    if (filter.from) conditions.push(`"end" > ${param(filter.from)}::timestamptz`);
    if (filter.to) conditions.push(`start < ${param(filter.to)}::timestamptz`);
    if (filter.cursor) {
      const [start, id] = decodeCursor(filter.cursor, START_CURSOR);
      conditions.push(`(start, id) > (${param(start)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows: BlockRow[] = await this.dataSource.query(
      `select id, doctor_id as "doctorId", room_id as "roomId", start, "end", reason from schedule_blocks
       where ${conditions.join(' and ')}
       order by start, id limit ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((row): ListedBlock => ({
        id: row.id,
        ...(row.doctorId ? { doctorId: row.doctorId } : {}),
        ...(row.roomId ? { roomId: row.roomId } : {}),
        start: row.start.toISOString(),
        end: row.end.toISOString(),
        reason: row.reason,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.start.toISOString(), last.id]) : null,
    };
  }
}
