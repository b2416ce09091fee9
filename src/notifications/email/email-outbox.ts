import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ComposedEmail } from './appointment-emails';

export interface OutboxMessage extends ComposedEmail {
  id: number;
  appointmentId: string;
  correlationId: string | null;
  attempts: number;
  messageId: string;
}

export type SendFailure = { permanent: boolean; reason: string };

/**
 * The email outbox: messages are written in the transaction that decided them and sent later,
 * so none is lost when the app or the mail server is down. Senders claim due messages with a
 * lease (`locked_until`) and `skip locked`, so each is handed to one sender at a time.
 */
@Injectable()
export class EmailOutbox {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adds a message once: writing the same `dedupeKey` again is a no-op. */
  async add(db: EntityManager, dedupeKey: string, appointmentId: string, correlationId: string | null, email: ComposedEmail): Promise<void> {
    const messageId = `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@clinic-booking>`;
    await db.query(
      `insert into email_outbox (dedupe_key, appointment_id, recipient, subject, text_body, html_body, calendar, correlation_id, message_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (dedupe_key) do nothing`,
      [dedupeKey, appointmentId, email.to, email.subject, email.text, email.html, email.calendar, correlationId, messageId],
    );
  }

  /** Claims up to `limit` due messages for `leaseSeconds`, counting the attempt. */
  async claim(limit: number, leaseSeconds: number): Promise<OutboxMessage[]> {
    // An UPDATE ... RETURNING answers [rows, count].
    const [rows] = await this.dataSource.query(
      `update email_outbox set locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
       where id in (
         select id from email_outbox
         where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
         order by id limit $1 for update skip locked)
       returning *`,
      [limit, leaseSeconds],
    );
    return rows.map((row: Record<string, unknown>) => ({
      id: Number(row.id),
      appointmentId: row.appointment_id as string,
      correlationId: row.correlation_id as string | null,
      attempts: row.attempts as number,
      messageId: row.message_id as string,
      to: row.recipient as string,
      subject: row.subject as string,
      text: row.text_body as string,
      html: row.html_body as string,
      calendar: row.calendar as string | null,
    }));
  }

  async sent(id: number): Promise<void> {
    await this.dataSource.query(`update email_outbox set status = 'sent', sent_at = now(), locked_until = null, last_error = null where id = $1`, [id]);
  }

  async retryLater(id: number, delayMs: number, reason: string): Promise<void> {
    await this.dataSource.query(
      `update email_outbox set next_attempt_at = now() + make_interval(secs => $2), locked_until = null, last_error = $3 where id = $1`,
      [id, delayMs / 1000, reason],
    );
  }

  async park(id: number, reason: string): Promise<void> {
    await this.dataSource.query(`update email_outbox set status = 'parked', locked_until = null, last_error = $2 where id = $1`, [id, reason]);
  }

  /** Messages waiting to be sent. */
  async depth(): Promise<number> {
    const [{ count }] = await this.dataSource.query(`select count(*)::int as count from email_outbox where status = 'pending'`);
    return count;
  }
}
