import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppendSignal } from '../append-signal';
import { EventStore } from '../event-store';
import { StoredEvent } from '../stored-event';
import { Checkpoints } from './checkpoints';
import { DeadLetters } from './dead-letters';
import { DurableEventsHandler, DurableHandler, SubscriptionOptions } from './durable-events-handler.decorator';
import { SubscriptionLocks } from './subscription-locks';
import { EVENT_DECODER, SUBSCRIPTION_SETTINGS, SubscriptionSettings } from './subscription-settings';
import { SubscriptionWorker } from './subscription-worker';

export interface DiscoveredHandler {
  options: SubscriptionOptions;
  handler: DurableHandler;
}

/**
 * Discovers every @DurableEventsHandler at start-up and runs one worker per subscription.
 * Workers wake on this instance's commits (AppendSignal), on NOTIFY from other instances, and
 * on a slow poll. On shutdown each worker finishes its batch and saves its checkpoint.
 */
@Injectable()
export class SubscriptionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SubscriptionRunner');
  private readonly advancedListeners = new Set<() => void>();
  private workers: SubscriptionWorker[] = [];
  private handlers: DiscoveredHandler[] = [];
  private locks: SubscriptionLocks | null = null;
  private listener: Client | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly checkpoints: Checkpoints,
    private readonly deadLetters: DeadLetters,
    private readonly appendSignal: AppendSignal,
    @Inject(SUBSCRIPTION_SETTINGS) private readonly settings: SubscriptionSettings,
    @Inject(EVENT_DECODER) private readonly decode: (stored: StoredEvent) => unknown,
  ) {}

  /** Every durable handler of the application, with its subscription options. */
  discovered(): DiscoveredHandler[] {
    return this.handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.handlers = this.discovery
      .getProviders({ metadataKey: DurableEventsHandler.KEY })
      .filter((wrapper) => wrapper.instance)
      .map((wrapper) => ({
        options: this.discovery.getMetadataByDecorator(DurableEventsHandler, wrapper) as SubscriptionOptions,
        handler: wrapper.instance as DurableHandler,
      }));
    const names = this.handlers.map((h) => h.options.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate) throw new Error(`Two durable handlers use the subscription name ${duplicate}`);
    if (!this.settings.run) return;

    const connectionString = this.connectionString();
    this.locks = new SubscriptionLocks(connectionString);
    const dependencies = {
      dataSource: this.dataSource,
      eventStore: this.eventStore,
      checkpoints: this.checkpoints,
      deadLetters: this.deadLetters,
      locks: this.locks,
      settings: this.settings,
      decode: this.decode,
      advanced: () => this.advancedListeners.forEach((listener) => listener()),
    };
    this.workers = this.handlers.map(({ options, handler }) => new SubscriptionWorker(options, handler, dependencies));
    this.unsubscribe = this.appendSignal.subscribe(() => this.wakeAll());
    await this.listen(connectionString);
    this.workers.forEach((worker) => worker.start());
    this.logger.log(`Running ${this.workers.length} subscriptions: ${names.join(', ')}`);
  }

  /** Runs while the database pool is still open, so the last checkpoints and sends are saved. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await Promise.all(this.workers.map((worker) => worker.close()));
    if (this.workers.length > 0) this.logger.log('Subscriptions stopped, checkpoints saved');
    await this.locks?.close();
    await this.listener?.end().catch(() => undefined);
    this.workers = [];
  }

  /** Called whenever a subscription of this instance committed a checkpoint. */
  onAdvanced(listener: () => void): () => void {
    this.advancedListeners.add(listener);
    return () => this.advancedListeners.delete(listener);
  }

  private wakeAll(): void {
    this.workers.forEach((worker) => worker.wake());
  }

  /** LISTEN for commits of other instances; a lost connection is re-established. */
  private async listen(connectionString: string): Promise<void> {
    const client = new Client({ connectionString, application_name: 'subscription-listener' });
    client.on('notification', () => this.wakeAll());
    client.on('error', (error) => {
      this.logger.warn(`Notification connection lost (${error.message}); polling until it is back`);
      this.listener = null;
      setTimeout(() => {
        if (this.workers.length > 0) this.listen(connectionString).catch(() => undefined);
      }, this.settings.lockRetryMs).unref();
    });
    await client.connect();
    await client.query('listen events_appended');
    this.listener = client;
  }

  private connectionString(): string {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) throw new Error('Subscriptions need the database URL');
    return url;
  }
}
