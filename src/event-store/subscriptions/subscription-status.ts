import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface SubscriptionLag {
  name: string;
  status: 'running' | 'stopped';
  position: number;
  /** Committed events the subscription has not processed yet. */
  eventsBehind: number;
  /** Age of the oldest of those events; 0 when caught up. */
  secondsBehind: number;
  failedPosition: number | null;
  failure: string | null;
}

/** A checkpoint with its lag; PostgreSQL hands out bigint and numeric values as text. */
interface LagRow {
  name: string;
  status: SubscriptionLag['status'];
  position: string;
  failed_position: string | null;
  failure: string | null;
  events_behind: string;
  seconds_behind: string;
}

/** Where every subscription stands, for health checks, metrics and operators. */
@Injectable()
export class SubscriptionStatus {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lag(): Promise<SubscriptionLag[]> {
    const rows: LagRow[] = await this.dataSource.query(`
      select c.name, c.status, c.position, c.failed_position, c.failure,
             (select count(*) from events e where (e.transaction_id, e.position) > (c.transaction_id, c.position)) as events_behind,
             coalesce(extract(epoch from now() - (
               select min(e.occurred_at) from events e where (e.transaction_id, e.position) > (c.transaction_id, c.position)
             )), 0) as seconds_behind
      from subscription_checkpoints c
      order by c.name`);
    return rows.map((row) => ({
      name: row.name,
      status: row.status,
      position: Number(row.position),
      eventsBehind: Number(row.events_behind),
      secondsBehind: Math.max(0, Number(row.seconds_behind)),
      failedPosition: row.failed_position === null ? null : Number(row.failed_position),
      failure: row.failure,
    }));
  }
}
