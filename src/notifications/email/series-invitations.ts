import { EntityManager } from 'typeorm';
import { SeriesInvitation } from './series-invitation';

/**
 * The series_invitations table: each series' invitation as it stands, read and written by the
 * email notifier in the transaction that moves its checkpoint, so that a batch delivered again
 * after a crash folds its events into the same invitation as the first time. Raw SQL, as in the
 * projections.
 */
export const seriesInvitations = {
  async load(db: EntityManager, seriesIds: readonly string[]): Promise<Map<string, SeriesInvitation>> {
    if (seriesIds.length === 0) return new Map();
    const rows: Array<{ invitation: SeriesInvitation }> = await db.query(`select invitation from series_invitations where series_id = any($1::uuid[])`, [seriesIds]);
    return new Map(rows.map(({ invitation }) => [invitation.seriesId, invitation]));
  },

  async save(db: EntityManager, invitations: readonly SeriesInvitation[]): Promise<void> {
    if (invitations.length === 0) return;
    await db.query(
      `insert into series_invitations (series_id, invitation)
       select (i->>'seriesId')::uuid, i from jsonb_array_elements($1::jsonb) as i
       on conflict (series_id) do update set invitation = excluded.invitation`,
      [JSON.stringify(invitations)],
    );
  },
};
