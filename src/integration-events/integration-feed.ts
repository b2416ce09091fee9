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

  async lastPosition(): Promise<number> {
    const [{ last }] = await this.dataSource.query(`select coalesce(max(position), 0) as last from integration_events`);
    return Number(last);
  }
}
