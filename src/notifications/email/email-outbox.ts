import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ComposedEmail } from './appointment-emails';

export interface OutboxMessage extends ComposedEmail {
  id: number;
  /** The appointment it is about; null for a message about no one appointment (a waitlist offer). */
  appointmentId: string | null;
  correlationId: string | null;
  attempts: number;
  messageId: string;
}

export interface NewOutboxMessage {
  /** Writing a message with the same key again is a no-op (a redelivered event). */
  dedupeKey: string;
  appointmentId: string | null;
  /** The patient it is about, so that their erasure finds it (see EmailOutboxScrubber). */
  patientId: string | null;
  correlationId: string | null;
  email: ComposedEmail;
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
  add(db: EntityManager, dedupeKey: string, appointmentId: string, correlationId: string | null, email: ComposedEmail): Promise<void> {
    return this.addAll(db, [{ dedupeKey, appointmentId, patientId: null, correlationId, email }]);
  }

  /** Adds messages in one statement; each is written once (see `add`). */
  async addAll(db: EntityManager, messages: ReadonlyArray<NewOutboxMessage>): Promise<void> {
    if (messages.length === 0) return;
    await db.query(
      `insert into email_outbox (dedupe_key, appointment_id, patient_id, recipient, subject, text_body, html_body, calendar, correlation_id, message_id)
       select m.dedupe_key, m.appointment_id, m.patient_id, m.recipient, m.subject, m.text_body, m.html_body, m.calendar, m.correlation_id, m.message_id
       from jsonb_to_recordset($1::jsonb) as m(dedupe_key text, appointment_id uuid, patient_id uuid, recipient text, subject text, text_body text,
         html_body text, calendar text, correlation_id text, message_id text)
       on conflict (dedupe_key) do nothing`,
      [
        JSON.stringify(
          messages.map(({ dedupeKey, appointmentId, patientId, correlationId, email }) => ({
            dedupe_key: dedupeKey,
            appointment_id: appointmentId,
            patient_id: patientId,
            recipient: email.to,
            subject: email.subject,
            text_body: email.text,
            html_body: email.html,
            calendar: email.calendar,
            correlation_id: correlationId,
            message_id: `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@clinic-booking>`,
          })),
        ),
      ],
    );
  }

  /** Claims up to `limit` due messages for `leaseSeconds`, counting the attempt. */
  async claim(limit: number, leaseSeconds: number): Promise<OutboxMessage[]> {
    // An UPDATE ... RETURNING answers [rows, count].
    const [rows] = await this.dataSource.query<[Array<Record<string, unknown>>, number]>(
      `update email_outbox set locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
       where id in (
         select id from email_outbox
         where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
         order by id limit $1 for update skip locked)
       returning *`,
      [limit, leaseSeconds],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      appointmentId: row.appointment_id as string | null,
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

  /** Marks messages as sent, in one statement for a round of the sender. */
  async sent(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `update email_outbox set status = 'sent', sent_at = now(), locked_until = null, last_error = null where id = any($1::bigint[])`,
      [ids],
    );
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
    const [{ count }] = await this.dataSource.query<[{ count: number }]>(`select count(*)::int as count from email_outbox where status = 'pending'`);
    return count;
  }
}
