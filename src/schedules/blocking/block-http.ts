import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Problems } from '../../shared/http/problem';
import { CancelledBlock, ScheduledBlock } from './block-scheduling';
import { ListedBlock } from './list-schedule-blocks.query';

/** A block as a command answers it: as the lists show it, and the appointments it cancelled when asked to (`cancelAppointments: true`). */
export interface BlockResource extends ListedBlock {
  cancelledAppointmentIds: string[];
}

class BlockFields {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
  @ApiProperty() reason: string;
}

class ScheduledBlockFields extends BlockFields {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The appointments in the way it cancelled (cancelAppointments: true)' })
  cancelledAppointmentIds: string[];
}

export class TimeOffResource extends ScheduledBlockFields {
  @ApiProperty({ format: 'uuid' }) doctorId: string;
}

export class ClosureResource extends ScheduledBlockFields {}

export class RoomBlockResource extends ScheduledBlockFields {
  @ApiProperty({ format: 'uuid' }) roomId: string;
}

class ListedTimeOff extends BlockFields {
  @ApiProperty({ format: 'uuid' }) doctorId: string;
}

class ListedRoomBlock extends BlockFields {
  @ApiProperty({ format: 'uuid' }) roomId: string;
}

class BlockPageFields {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

export class TimeOffPage extends BlockPageFields {
  @ApiProperty({ type: [ListedTimeOff] }) items: ListedTimeOff[];
}

export class ClosurePage extends BlockPageFields {
  @ApiProperty({ type: [BlockFields] }) items: BlockFields[];
}

export class RoomBlockPage extends BlockPageFields {
  @ApiProperty({ type: [ListedRoomBlock] }) items: ListedRoomBlock[];
}

/**
 * 201 with the block and X-Event-Position (the last event written, a cancelled appointment's if
 * any); `withETag` for a block that is a stream of its own (a closure, a room block): its version,
 * for If-Match on its DELETE. A stored outcome answered again says so (Idempotent-Replayed).
 */
export function respondScheduled(reply: FastifyReply, outcome: ScheduledBlock, holds: { doctorId?: string; roomId?: string }, withETag: boolean): BlockResource {
  reply.status(201);
  reply.header('X-Event-Position', String(outcome.position));
  if (withETag) reply.header('ETag', `"${outcome.version}"`);
  if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
  const { start, end, reason, cancelledAppointmentIds } = outcome.facts;
  return { id: outcome.id, ...holds, start, end, reason, cancelledAppointmentIds };
}

/** 204 with X-Event-Position, for read-your-writes on the lists. */
export function respondCancelled(reply: FastifyReply, outcome: CancelledBlock): void {
  reply.status(204);
  reply.header('X-Event-Position', String(outcome.position));
  if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
}

/**
 * Refuses If-Match where the request has no version of its own to match: a new closure or room
 * block, and a time off, an event of its doctor's schedule stream (whose version every other time
 * off and working-hours change moves). A 400 rather than a header silently ignored.
 */
export function refuseIfMatch(ifMatch: string | undefined, why: string): void {
  if (ifMatch === undefined) return;
  throw Problems.badRequest(`If-Match is not supported here: ${why}`, [{ field: 'If-Match', message: why }]);
}
