import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * Session advisory locks, one per subscription, held on a dedicated connection: the instance
 * holding a subscription's lock is the only one running it. When that instance dies, its
 * connection closes, PostgreSQL releases the locks and another instance takes them over.
 */
export class SubscriptionLocks {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private readonly held = new Set<string>();
  /** One query at a time on the lock connection: workers ask for their locks concurrently. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly logger = new Logger('SubscriptionLocks');

  /** `closing`: the application is shutting down, so a lost connection is expected, not news. */
  constructor(
    private readonly connectionString: string,
    private readonly closing: () => boolean = () => false,
  ) {}

  async tryAcquire(name: string): Promise<boolean> {
    if (this.held.has(name)) return true;
    const locked = await this.serially(async () => {
      const client = await this.connection();
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as locked', [`subscription:${name}`]);
      return rows[0].locked;
    });
    if (locked) this.held.add(name);
    return locked;
  }

  holds(name: string): boolean {
    return this.held.has(name);
  }

  async release(name: string): Promise<void> {
    if (!this.held.delete(name) || !this.client) return;
    const client = this.client;
    await this.serially(() => client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [`subscription:${name}`])).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.held.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private connection(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: this.connectionString, application_name: `subscription-locks:${process.pid}` });
      client.on('error', (error) => {
        // The locks went with the connection: every subscription must be taken again.
        if (!this.closing()) this.logger.warn(`Lock connection lost: ${error.message}`);
        this.held.clear();
        if (this.client === client) this.client = null;
      });
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }
}
