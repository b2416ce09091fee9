import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SubscriptionRunner } from '../../event-store/subscriptions/subscription-runner';
import { Sleeper } from '../../shared/sleeper';
import { EmailOutbox, OutboxMessage } from './email-outbox';
import { FileTransport, MailTransport, SmtpTransport } from './mail-transport';

const BATCH = 20;
const LEASE_SECONDS = 120;
const POLL_MS = 1000;
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * How a failed send is treated: a 5xx reply is a permanent refusal (parked after
 * EMAIL_MAX_ATTEMPTS, with the reason); connection errors and 4xx replies are transient and
 * retried with backoff until the server takes the message.
 */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500;
}

/** Drains the email outbox in the background (in instances that run subscriptions). */
@Injectable()
export class EmailSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EmailSender');
  private readonly sleeper = new Sleeper();
  private transport: MailTransport | null = null;
  private loop: Promise<void> | null = null;
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly outbox: EmailOutbox,
    private readonly runner: SubscriptionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runSubscriptions) return;
    const transport = this.config.smtpUrl ? new SmtpTransport(this.config.smtpUrl) : new FileTransport(this.config.mailDir);
    this.transport = transport;
    // Outbox rows are written by subscriptions: every checkpoint they commit may bring mail.
    this.stopListening = this.runner.onAdvanced(() => this.sleeper.wake());
    this.loop = this.run(transport);
  }

  /** Runs while the database pool is still open, so the last checkpoints and sends are saved. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    this.sleeper.close();
    await this.loop;
    this.logger.log('Email sender stopped');
    this.transport?.close();
  }

  /** New messages were committed: send now rather than at the next poll. */
  wake(): void {
    this.sleeper.wake();
  }

  private async run(transport: MailTransport): Promise<void> {
    while (!this.sleeper.isClosed) {
      try {
        const messages = await this.outbox.claim(BATCH, LEASE_SECONDS);
        // Sent messages are recorded together after the round: a crash in between sends them
        // again (at least once; the Message-ID stays the same, so mail clients show one).
        const sent: number[] = [];
        for (const message of messages) if (await this.send(transport, message)) sent.push(message.id);
        await this.outbox.sent(sent);
        if (messages.length < BATCH) await this.sleeper.idle(POLL_MS);
      } catch (error) {
        this.logger.error(`Outbox round failed: ${(error as Error).message}`);
        await this.sleeper.idle(POLL_MS);
      }
    }
  }

  /** Sends one message; true if the server took it, else it is rescheduled or parked. */
  private async send(transport: MailTransport, message: OutboxMessage): Promise<boolean> {
    try {
      await transport.send(message, this.config.mailFrom);
      return true;
    } catch (error) {
      const reason = (error as Error).message;
      if (isPermanentFailure(error) && message.attempts >= this.config.emailMaxAttempts) {
        await this.outbox.park(message.id, reason);
        this.logger.error(`Email ${message.id} parked after ${message.attempts} attempts: ${reason}`);
        return false;
      }
      const delay = Math.min(this.config.emailRetryBaseMs * 2 ** (message.attempts - 1), MAX_BACKOFF_MS);
      await this.outbox.retryLater(message.id, delay, reason);
      this.logger.warn(`Email ${message.id} attempt ${message.attempts} failed (${reason}); retrying in ${delay} ms`);
      return false;
    }
  }
}
