import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { clinicTimeZone } from '../reference-data/clinic-time-zone';
import { BLOCK_KINDS, BlockKind, ReservedTime } from './reservations';
import { TimeBlocked } from './time-blocked';

/** `2026-12-24 09:00 to 17:00 (Europe/Berlin)`; the end's date is repeated when it differs. */
export function localTimeOf(start: Date, end: Date, zone: string): string {
  const from = DateTime.fromJSDate(start, { zone });
  const to = DateTime.fromJSDate(end, { zone });
  const toText = to.toISODate() === from.toISODate() ? to.toFormat('HH:mm') : to.toFormat('yyyy-MM-dd HH:mm');
  return `${from.toFormat('yyyy-MM-dd HH:mm')} to ${toText} (${zone})`;
}

export function isBlock(reserved: ReservedTime): reserved is ReservedTime & { kind: BlockKind } {
  return (BLOCK_KINDS as readonly string[]).includes(reserved.kind);
}

/**
 * Turns a block found in the way into the conflict a client reads: whose block it is and its
 * local time (a time off on its doctor's clock, a closure or room block on the clinic's).
 */
@Injectable()
export class BlockDescriptions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The conflict of a block in the way; inside a transaction pass its `db`, as for describe. */
  async conflictOf(block: ReservedTime & { kind: BlockKind }, db: EntityManager = this.dataSource.manager): Promise<TimeBlocked> {
    const { owner, localTime } = await this.describe(block, db);
    return new TimeBlocked({ kind: block.kind, id: block.id, start: block.start.toISOString(), end: block.end.toISOString() }, owner, localTime);
  }

  /**
   * Whose block it is ("Doctor Ada Lovelace", "Room 1"; null for a closure) and its local time.
   * Inside a transaction pass its `db`, so that the lookups need no second connection.
   */
  async describe(block: ReservedTime & { kind: BlockKind }, db: EntityManager = this.dataSource.manager): Promise<{ owner: string | null; localTime: string }> {
    const [owner]: Array<{ name: string; timezone: string | null } | undefined> =
      block.kind === 'time-off'
        ? await db.query(`select name, timezone from doctors where id = $1`, [block.doctorId])
        : block.kind === 'room-block'
          ? await db.query(`select name, null as timezone from rooms where id = $1`, [block.roomId])
          : [];
    const zone = owner?.timezone ?? (await clinicTimeZone(this.config, db));
    const ownerName = block.kind === 'closure' ? null : `${block.kind === 'time-off' ? 'Doctor' : 'Room'} ${owner?.name ?? block.doctorId ?? block.roomId}`;
    return { owner: ownerName, localTime: localTimeOf(block.start, block.end, zone) };
  }
}
