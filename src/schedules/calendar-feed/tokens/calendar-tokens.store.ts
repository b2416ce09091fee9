import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarTokenEntry, calendarTokenHash, looksLikeCalendarToken } from './calendar-tokens';

interface TokenRow {
  id: string;
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
}

const entryOf = (row: TokenRow): CalendarTokenEntry => ({
  id: row.id,
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/** The `calendar_tokens` table, in SQL: a token is stored as its hash only. */
@Injectable()
export class CalendarTokenStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(doctorId: string, hash: string, createdBy: string, now: Date): Promise<CalendarTokenEntry> {
    const rows: TokenRow[] = await this.dataSource.query(
      `insert into calendar_tokens (id, doctor_id, token_hash, created_at, created_by) values ($1, $2, $3, $4, $5)
       returning id, created_at, created_by, revoked_at`,
      [randomUUID(), doctorId, hash, now, createdBy],
    );
    return entryOf(rows[0]);
  }

  async list(doctorId: string): Promise<CalendarTokenEntry[]> {
    const rows: TokenRow[] = await this.dataSource.query(
      `select id, created_at, created_by, revoked_at from calendar_tokens where doctor_id = $1 order by created_at, id`,
      [doctorId],
    );
    return rows.map(entryOf);
  }

  /** Revokes a token of this doctor (a revoked one keeps its first revocation); false if the doctor has no such token. */
  async revoke(doctorId: string, tokenId: string, now: Date): Promise<boolean> {
    // A token revoked already still matches: revoking it again succeeds and keeps the first time.
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `update calendar_tokens set revoked_at = coalesce(revoked_at, $3) where id = $1 and doctor_id = $2`,
      [tokenId, doctorId, now],
    );
    return count > 0;
  }

  /**
   * The id of the valid (unrevoked) token of this doctor with this text, or null. The doctor id
   * comes from the URL unvalidated (guards run before pipes), so it is compared as text.
   */
  async validTokenOf(doctorId: string, token: string): Promise<string | null> {
    if (!looksLikeCalendarToken(token)) return null;
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `select id from calendar_tokens where token_hash = $1 and doctor_id::text = $2 and revoked_at is null`,
      [calendarTokenHash(token), doctorId.toLowerCase()],
    );
    return rows[0]?.id ?? null;
  }
}
