import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable timers of slot holds: one row per hold that is held, with the instant its timer
 * releases it (HoldExpired). The row is written in the transaction that places the hold and
 * deleted in the one that ends it (converted, released or expired), so that a timer survives a
 * restart or a crash and fires once: the expiry dispatcher takes due rows with
 * `for update skip locked`, oldest first, through the index on `expires_at`. The hold's slot
 * itself is a reservations row of kind 'hold', which the table allows already.
 */
export class SlotHolds1764900000000 implements MigrationInterface {
  name = 'SlotHolds1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`create table hold_expiries (hold_id uuid primary key, expires_at timestamptz not null)`);
    await db.query(`create index hold_expiries_due on hold_expiries (expires_at, hold_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table hold_expiries`);
  }
}
