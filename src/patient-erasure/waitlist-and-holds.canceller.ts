import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HoldGone, HoldNotFound } from '../appointments/holds/domain/slot-hold.errors';
import { SlotHolds } from '../appointments/holds/slot-holds';
import { RequestContext } from '../shared/request-context';
import { WaitlistEntryClosed, WaitlistEntryNotFound } from '../waitlist/domain/waitlist.errors';
import { LeaveWaitlist } from '../waitlist/leaving/leave-waitlist';
import { WaitlistAnswer } from '../waitlist/waitlist-http';
import { ErasureCancellations } from './upcoming-appointments.canceller';

/**
 * Takes an erased patient off the waitlist and gives back the slots held for them, so that
 * nothing is offered or kept for a patient who is gone: each open entry is cancelled through the
 * ordinary command (an open offer's hold released with it), then each hold still in the
 * patient's name (one a client took) is released. Both free their time for the next entries in
 * line. An entry or hold that ended meanwhile holds nothing any more and is passed over.
 */
@Injectable()
export class WaitlistAndHoldsCanceller {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commandBus: CommandBus,
    private readonly holds: SlotHolds,
  ) {}

  async cancelOpen(patientId: string, context: RequestContext): Promise<ErasureCancellations> {
    const positions: number[] = [];
    const entries: Array<{ entry_id: string }> = await this.dataSource.query(
      `select entry_id from waitlist_entries where patient_id = $1 and status in ('waiting', 'offered') order by joined_order`,
      [patientId],
    );
    for (const { entry_id: entryId } of entries) {
      try {
        const answer: WaitlistAnswer = await this.commandBus.execute(new LeaveWaitlist(entryId, { commandId: randomUUID(), context }));
        positions.push(answer.position);
      } catch (error) {
        if (error instanceof WaitlistEntryClosed || error instanceof WaitlistEntryNotFound) continue;
        throw error;
      }
    }
    const holds: Array<{ hold_id: string }> = await this.dataSource.query(`select reserved_by as hold_id from reservations where patient_id = $1 and kind = 'hold'`, [patientId]);
    for (const { hold_id: holdId } of holds) {
      try {
        positions.push((await this.holds.release(holdId, { commandId: randomUUID(), context })).position);
      } catch (error) {
        if (error instanceof HoldGone || error instanceof HoldNotFound) continue;
        throw error;
      }
    }
    if (positions.length === 0) return { eventIds: [], lastPosition: null };
    const rows: Array<{ event_id: string }> = await this.dataSource.query(`select event_id from events where position = any($1::bigint[])`, [positions]);
    return { eventIds: rows.map((row) => row.event_id), lastPosition: Math.max(...positions) };
  }
}
