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
import { DurableBatchHandler, DurableEventsHandler, DurableHandlerOptions } from './durable-events-handler.decorator';
import { SubscriptionLocks } from './subscription-locks';
import { Subscription, SubscriptionRegistry } from './subscription-registry';
import { EVENT_DECODER, SUBSCRIPTION_SETTINGS, SubscriptionSettings } from './subscription-settings';
import { SubscriptionWorker } from './subscription-worker';

export interface DiscoveredHandler {
  options: Subscription;
  handler: DurableBatchHandler;
}

/**
 * Discovers every @DurableEventsHandler at start-up, refuses to start unless they are exactly
 * the subscriptions of the registry, and runs one worker per subscription. Workers wake on this
 * instance's commits (AppendSignal), on NOTIFY from other instances, and on a slow poll. On
 * shutdown each worker finishes its batch and saves its checkpoint.
 */
@Injectable()
export class SubscriptionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SubscriptionRunner');
  private readonly advancedListeners = new Set<() => void>();
  private workers: SubscriptionWorker[] = [];
  private handlers: DiscoveredHandler[] = [];
  private locks: SubscriptionLocks | null = null;
  private listener: Client | null = null;
  /** The one pending re-establishment of the notification connection, if it is lost. */
  private relisten: NodeJS.Timeout | null = null;
  /** Set on shutdown: connections ending from then on are ours, not losses. */
  private closing = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly checkpoints: Checkpoints,
    private readonly deadLetters: DeadLetters,
    private readonly appendSignal: AppendSignal,
    private readonly registry: SubscriptionRegistry,
    @Inject(SUBSCRIPTION_SETTINGS) private readonly settings: SubscriptionSettings,
    @Inject(EVENT_DECODER) private readonly decode: (stored: StoredEvent) => unknown,
  ) {}

  /** Every durable handler of the application, with its registry entry and the events it takes. */
  discovered(): DiscoveredHandler[] {
    return this.handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    const found = this.discovery
      .getProviders({ metadataKey: DurableEventsHandler.KEY })
      .filter((wrapper) => wrapper.instance)
      .map((wrapper) => ({
        declared: this.discovery.getMetadataByDecorator(DurableEventsHandler, wrapper) as DurableHandlerOptions,
        handler: wrapper.instance as DurableBatchHandler,
      }));
    const names = found.map(({ declared }) => declared.name);
    this.registry.assertMatches(names);
    this.handlers = found.map(({ declared, handler }) => ({
      options: { ...this.registry.entry(declared.name), events: declared.events },
      handler,
    }));
    if (!this.settings.run) return;

    const connectionString = this.connectionString();
    this.locks = new SubscriptionLocks(connectionString, () => this.closing);
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
    this.closing = true;
    if (this.relisten) clearTimeout(this.relisten);
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

  /**
   * LISTEN for commits of other instances on one dedicated connection. Losing it (the server
   * restarted, the backend was terminated) is noticed once per connection: node-postgres may
   * report one loss as several 'error' events, but 'end' comes exactly once, so that is where
   * the one re-establishment is scheduled. Until it is back the subscriptions run on the poll;
   * once back they are woken, for the commits whose notifications were missed meanwhile.
   */
  private async listen(connectionString: string): Promise<void> {
    // TCP keepalive: a connection cut without a reset (a network partition) ends too, instead
    // of waiting silently for notifications that never come.
    const client = new Client({ connectionString, application_name: 'subscription-listener', keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    let listening = false;
    let lostBecause: string | null = null;
    client.on('notification', () => this.wakeAll());
    client.on('error', (error) => {
      lostBecause ??= error.message;
      client.end().catch(() => undefined);
    });
    client.on('end', () => {
      if (this.listener === client) this.listener = null;
      if (!listening || this.closing) return;
      this.logger.warn(`Notification connection lost (${lostBecause ?? 'closed by the server'}); polling until it is back`);
      this.listenAgain(connectionString);
    });
    try {
      await client.connect();
      await client.query('listen events_appended');
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closing) {
      await client.end().catch(() => undefined);
      return;
    }
    listening = true;
    this.listener = client;
  }

  /** Re-establishes the notification connection, retrying while the database is unreachable. */
  private listenAgain(connectionString: string): void {
    if (this.closing || this.relisten) return;
    this.relisten = setTimeout(() => {
      this.listen(connectionString).then(
        () => {
          this.relisten = null;
          if (this.closing) return;
          this.logger.log('Notification connection re-established');
          this.wakeAll();
        },
        () => {
          this.relisten = null;
          this.listenAgain(connectionString);
        },
      );
    }, this.settings.lockRetryMs);
    this.relisten.unref();
  }

  private connectionString(): string {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) throw new Error('Subscriptions need the database URL');
    return url;
  }
}
