import { AddressInfo, createServer, Server } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: ParsedMail['headers'];
  /** The text/calendar part, if any. */
  calendar: string | null;
}

/**
 * A real SMTP server for tests (the smtp-server package) that keeps what it receives. It can
 * be stopped and started again on the same port (the mail server is down, then back), and
 * told to refuse some recipients with a given reply.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  /** Holds the port while the mail server is "down", so no other test can take it. */
  private placeholder: Server | null = null;
  private port = 0;
  /** Recipient address -> SMTP reply code to refuse it with (550 permanent, 450 transient). */
  readonly refuse = new Map<string, number>();

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await this.release();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const code = this.refuse.get(address.address);
        if (code) {
          callback(Object.assign(new Error(`Mailbox ${address.address} refused (${code})`), { responseCode: code }));
          return;
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const calendarPart = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
            const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
            this.received.push({
              to,
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              messageId: mail.messageId ?? '',
              headers: mail.headers,
              calendar: calendarPart ? calendarPart.content.toString('utf8') : null,
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** The server goes down: connections to its port are dropped, the port stays reserved. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const placeholder = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      placeholder.once('error', reject);
      placeholder.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.placeholder = placeholder;
  }

  /** Shuts everything down for good. */
  async close(): Promise<void> {
    await this.stop();
    await this.release();
  }

  private async release(): Promise<void> {
    const placeholder = this.placeholder;
    this.placeholder = null;
    if (placeholder) await new Promise<void>((resolve) => placeholder.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }
}
