import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IntegrationEvent, PositionedIntegrationEvent } from './integration-event';

/** Reads the integration outbox in feed order. */
@Injectable()
export class IntegrationFeed {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async after(position: number, limit: number): Promise<PositionedIntegrationEvent[]> {
    const rows: Array<{ position: string; event: IntegrationEvent }> = await this.dataSource.query(
      `select position, event from integration_events where position > $1 order by position limit $2`,
      [position, limit],
    );
    return rows.map((row) => ({ position: Number(row.position), event: row.event }));
  }

  /**
   * The events after `position` and the feed's last position, read in one statement (one
   * snapshot): the last position is never behind the page, and never invented from `position`
   * when a consumer asks beyond the end.
   */
  async page(position: number, limit: number): Promise<{ items: PositionedIntegrationEvent[]; lastPosition: number }> {
    const rows: Array<{ position: string | null; event: IntegrationEvent | null; last: string }> = await this.dataSource.query(
      `with page as (select position, event from integration_events where position > $1 order by position limit $2)
       select page.position, page.event, last.position as last
         from (select coalesce(max(position), 0) as position from integration_events) last
         left join page on true
        order by page.position`,
      [position, limit],
    );
    const items = rows.filter((row) => row.position !== null).map((row) => ({ position: Number(row.position), event: row.event as IntegrationEvent }));
    return { items, lastPosition: Number(rows[0].last) };
  }
}
