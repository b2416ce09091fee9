import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventHeader } from '../stored-event';

/** Events a park-policy subscription gave up on, with why, for an operator to look at. */
@Injectable()
export class DeadLetters {
  async park(db: EntityManager, subscription: string, stored: EventHeader, attempts: number, failure: string): Promise<void> {
    await db.query(
      `insert into dead_letters (subscription, position, event_id, event_type, attempts, failure)
       values ($1, $2, $3, $4, $5, $6) on conflict (subscription, event_id) do nothing`,
      [subscription, stored.position, stored.eventId, stored.type, attempts, failure],
    );
  }
}
