import { ApiPropertyOptional } from '@nestjs/swagger';
import { Query } from '@nestjs/cqrs';
import { IsOptional } from 'class-validator';
import type { BlockKind } from '../../reservations/reservations';
import { IsIntegerParam } from '../../shared/http/integer-param.validator';
import { IsInstant } from '../../shared/http/is-instant.validator';
import { IsCursor, MAX_PAGE_SIZE, Page, START_CURSOR } from '../../shared/http/page';
import { ReadQuery } from '../../shared/http/read-your-writes';

/** `?from&to&limit&cursor` of a list of blocks: those overlapping [from, to), in start order. */
export class BlockListQuery extends ReadQuery {
  /** Only blocks that end after this instant. */
  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2027-03-22T00:00:00+01:00' })
  @IsOptional() @IsInstant()
  from?: string;

  /** Only blocks that start before this instant. */
  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2027-03-29T00:00:00+02:00' })
  @IsOptional() @IsInstant()
  to?: string;

  @ApiPropertyOptional({ maximum: MAX_PAGE_SIZE })
  @IsOptional() @IsIntegerParam(1, MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsCursor(START_CURSOR)
  cursor?: string;
}

/** A block as the lists show it: a time off names its doctor, a room block its room. */
export interface ListedBlock {
  id: string;
  doctorId?: string;
  roomId?: string;
  start: string;
  end: string;
  reason: string;
}

/** The blocks of one kind (of one doctor or room) that still hold time, from the schedule_blocks read table. */
export class ListScheduleBlocks extends Query<Page<ListedBlock>> {
  constructor(
    readonly kind: BlockKind,
    readonly owner: { doctorId?: string; roomId?: string },
    readonly filter: BlockListQuery,
  ) {
    super();
  }
}
