import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import * as nodemailer from 'nodemailer';
import { OutboxMessage } from './email-outbox';

export interface MailTransport {
  send(message: OutboxMessage, from: string): Promise<void>;
  close(): void;
}

function mailOptions(message: OutboxMessage, from: string) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: message.correlationId ? { 'X-Correlation-Id': message.correlationId } : undefined,
    icalEvent: message.calendar
      ? { filename: 'appointment.ics', method: /METHOD:CANCEL/.test(message.calendar) ? 'CANCEL' : 'REQUEST', content: message.calendar }
      : undefined,
  };
}

/** Sends through the SMTP server of SMTP_URL. */
export class SmtpTransport implements MailTransport {
  private readonly transporter: nodemailer.Transporter;

  constructor(smtpUrl: string) {
    this.transporter = nodemailer.createTransport(smtpUrl);
  }

  async send(message: OutboxMessage, from: string): Promise<void> {
    await this.transporter.sendMail(mailOptions(message, from));
  }

  close(): void {
    this.transporter.close();
  }
}

/** Without SMTP_URL: every message becomes an .eml file, and its path is logged. */
export class FileTransport implements MailTransport {
  private readonly transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  private readonly logger = new Logger('Mail');

  constructor(private readonly directory: string) {}

  async send(message: OutboxMessage, from: string): Promise<void> {
    const info = await this.transporter.sendMail(mailOptions(message, from));
    const path = resolve(join(this.directory, `${String(message.id).padStart(8, '0')}.eml`));
    // Written under another name, then renamed: a reader never sees half a message. The folder
    // is made when a message finds it missing (the first one, or after it was removed), not
    // checked before every message.
    await writeFile(`${path}.partial`, info.message as Buffer).catch(async (error: unknown) => {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
      await mkdir(this.directory, { recursive: true });
      await writeFile(`${path}.partial`, info.message as Buffer);
    });
    await rename(`${path}.partial`, path);
    this.logger.log(`Email ${message.id} written to ${path}`);
  }

  close(): void {
    this.transporter.close();
  }
}
