import { EntityManager } from 'typeorm';
import { RecordNotFound } from '../../shared/application-errors';

/**
 * The doctor or room a block (or a list of blocks) is for must exist: the URL names it, so an
 * unknown one is not found (a retired one keeps its blocks and may get new ones).
 */
export async function assertOwnerExists(db: EntityManager, owner: { doctorId: string } | { roomId: string }): Promise<void> {
  const [table, what, id] = 'doctorId' in owner ? ['doctors', 'Doctor', owner.doctorId] : ['rooms', 'Room', owner.roomId];
  const rows: unknown[] = await db.query(`select 1 from ${table} where id = $1`, [id]);
  if (rows.length === 0) throw new RecordNotFound(what, id);
}
