import { EntityManager } from 'typeorm';
import { RecordNotFound } from '../../shared/application-errors';

/**
 * The doctor and the room a block (or a list of blocks) is for must exist: the URL names them, so
 * an unknown one is not found (a retired one keeps its blocks and may get new ones). A closure
 * names neither.
 */
export async function assertOwnersExist(db: EntityManager, owner: { doctorId?: string | null; roomId?: string | null }): Promise<void> {
  if (owner.doctorId) await assertExists(db, 'doctors', 'Doctor', owner.doctorId);
  if (owner.roomId) await assertExists(db, 'rooms', 'Room', owner.roomId);
}

async function assertExists(db: EntityManager, table: 'doctors' | 'rooms', what: string, id: string): Promise<void> {
  const rows: unknown[] = await db.query(`select 1 from ${table} where id = $1`, [id]);
  if (rows.length === 0) throw new RecordNotFound(what, id);
}
