import { EntityManager } from 'typeorm';

/**
 * The durable timers of holds (table hold_expiries, migration SlotHolds1764900000000): one row
 * per hold that is held, written in the transaction that places the hold and deleted in the one
 * that ends it, so that the timer survives a restart or a crash of every instance. The expiry
 * dispatcher takes due rows with `for update skip locked`: each hold's timer fires on one
 * instance only.
 */
export const holdTimers = {
  async set(db: EntityManager, holdId: string, expiresAt: string): Promise<void> {
    await db.query(`insert into hold_expiries (hold_id, expires_at) values ($1, $2)`, [holdId, expiresAt]);
  },

  async clear(db: EntityManager, holdId: string): Promise<void> {
    await db.query(`delete from hold_expiries where hold_id = $1`, [holdId]);
  },

  /** The holds due at `now`, oldest first (read without locks: each is claimed in a transaction of its own). */
  async due(db: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows: Array<{ hold_id: string }> = await db.query(`select hold_id from hold_expiries where expires_at <= $1 order by expires_at, hold_id limit $2`, [now, limit]);
    return rows.map((row) => row.hold_id);
  },

  /** Locks a due timer for this transaction; false when it is gone (its hold ended) or another instance holds it. */
  async claim(db: EntityManager, holdId: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await db.query(`select 1 from hold_expiries where hold_id = $1 and expires_at <= $2 for update skip locked`, [holdId, now]);
    return rows.length > 0;
  },
};
