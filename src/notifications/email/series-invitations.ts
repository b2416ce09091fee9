import { EntityManager } from 'typeorm';
import { CommitPoint } from '../../event-store/stored-event';
import { SeriesInvitation } from './series-invitation';

/** A series' invitation as kept, and the commit point of the last event folded into it. */
export interface KeptInvitation {
  invitation: SeriesInvitation;
  foldedThrough: CommitPoint;
}

/** Whether the event at `point` is already folded into an invitation folded through `through` (commit order). */
export function isFoldedIn(point: CommitPoint, through: CommitPoint): boolean {
  const [transaction, folded] = [BigInt(point.transactionId), BigInt(through.transactionId)];
  return transaction < folded || (transaction === folded && point.position <= through.position);
}

/**
 * The series_invitations table: each series' invitation as it stands, read and written by the
 * email notifier in the transaction that moves its checkpoint, so that a batch delivered again
 * after a crash folds its events into the same invitation as the first time; an event already
 * folded in (its commit point not after the row's) is not folded again. Raw SQL, as in the
 * projections.
 */
export const seriesInvitations = {
  async load(db: EntityManager, seriesIds: readonly string[]): Promise<Map<string, KeptInvitation>> {
    if (seriesIds.length === 0) return new Map();
    const rows: Array<{ invitation: SeriesInvitation; transaction_id: string; position: string }> = await db.query(
      `select invitation, transaction_id::text as transaction_id, position from series_invitations where series_id = any($1::uuid[])`,
      [seriesIds],
    );
    return new Map(rows.map((row) => [row.invitation.seriesId, { invitation: row.invitation, foldedThrough: { transactionId: row.transaction_id, position: Number(row.position) } }]));
  },

  async save(db: EntityManager, kept: readonly KeptInvitation[]): Promise<void> {
    if (kept.length === 0) return;
    await db.query(
      `insert into series_invitations (series_id, invitation, transaction_id, position)
       select (k->'invitation'->>'seriesId')::uuid, k->'invitation', (k->>'transactionId')::xid8, (k->>'position')::bigint
       from jsonb_array_elements($1::jsonb) as k
       on conflict (series_id) do update set invitation = excluded.invitation, transaction_id = excluded.transaction_id, position = excluded.position`,
      [JSON.stringify(kept.map(({ invitation, foldedThrough }) => ({ invitation, ...foldedThrough })))],
    );
  },
};
