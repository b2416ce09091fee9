import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { jetstream, JetStreamClient, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { SubscriptionLocks } from '../event-store/subscriptions/subscription-locks';
import { Sleeper } from '../shared/sleeper';
import { IntegrationFeed } from './integration-feed';
import { IntegrationFeedSignal } from './integration-feed-signal';

/** The name of this publisher's cursor and lock. */
export const JETSTREAM_PUBLISHER = 'jetstream';
/**
 * Events published, one acknowledgement each, before the cursor is saved: a crash republishes at
 * most this many, which the stream drops as duplicates.
 */
const BATCH_SIZE = 200;
/** How often an instance without the publisher's lock tries to take it over, as the subscriptions do. */
const LOCK_RETRY_MS = 1000;
/** The first pause after a failed round (NATS unreachable, no ack); it doubles with each failure in a row... */
const RETRY_BASE_MS = 500;
/** ...up to this: a publisher waiting out a NATS outage notices it is over within half a minute. */
const MAX_BACKOFF_MS = 30_000;
/**
 * How long JetStream remembers a message id: a redelivery within it is dropped by the stream.
 * Ten minutes covers a publisher that crashed before saving its cursor and the instance that
 * takes its lock over (about a second later), with room for a slow restart.
 */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1e9;
/** The subjects of the stream: each public event is published on its type, under one of these. */
const STREAM_SUBJECTS = ['appointment.>', 'schedule.>', 'slot.>', 'waitlist.>'] as const;

/**
 * Publishes the integration feed to NATS JetStream when NATS_URL is set: one subject per event
 * type (`appointment.booked.v1`, `schedule.closure-scheduled.v1`, ...), in feed order, at least
 * once. The cursor moves only after JetStream has acknowledged a batch, so a crash republishes
 * the tail of the last batch; the event id is the message id, so the stream drops those
 * duplicates. One instance publishes at a time (an advisory lock, taken over when its holder
 * dies).
 */
@Injectable()
export class JetStreamPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JetStreamPublisher');
  private readonly sleeper = new Sleeper();
  private connection: NatsConnection | null = null;
  private locks: SubscriptionLocks | null = null;
  private loop: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: IntegrationFeed,
    private readonly signal: IntegrationFeedSignal,
  ) {}

  onApplicationBootstrap(): void {
    const natsUrl = this.config.natsUrl;
    if (!natsUrl || !this.config.runSubscriptions) return;
    const locks = new SubscriptionLocks((this.dataSource.options as { url: string }).url, () => this.sleeper.isClosed);
    this.locks = locks;
    this.unsubscribe = this.signal.subscribe(() => this.sleeper.wake());
    this.loop = this.run(locks, natsUrl);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.sleeper.close();
    this.unsubscribe?.();
    await this.loop;
    await this.locks?.close();
    await this.connection?.drain().catch(() => undefined);
  }

  private async run(locks: SubscriptionLocks, natsUrl: string): Promise<void> {
    let failures = 0;
    while (!this.sleeper.isClosed) {
      try {
        if (!(await locks.tryAcquire(`publisher:${JETSTREAM_PUBLISHER}`))) {
          await this.sleeper.pause(LOCK_RETRY_MS);
          continue;
        }
        const published = await this.publishBatch(natsUrl);
        failures = 0;
        if (published < BATCH_SIZE) await this.sleeper.idle(this.config.subscriptionPollMs);
      } catch (error) {
        failures += 1;
        const backoff = Math.min(MAX_BACKOFF_MS, RETRY_BASE_MS * 2 ** (failures - 1));
        this.logger.warn(`Publishing integration events failed (attempt ${failures}, next in ${backoff} ms): ${(error as Error).message}`);
        await this.sleeper.pause(backoff);
      }
    }
  }

  /** Publishes what follows the cursor; returns how many events were published. */
  private async publishBatch(natsUrl: string): Promise<number> {
    const js = await this.jetStream(natsUrl);
    const [cursor] = await this.dataSource.query<Array<{ position: string } | undefined>>(`select position from publication_cursors where name = $1`, [
      JETSTREAM_PUBLISHER,
    ]);
    const batch = await this.feed.after(Number(cursor?.position ?? 0), BATCH_SIZE);
    if (batch.length === 0) return 0;
    // Published one after another: JetStream keeps them in this order on each subject.
    for (const { event } of batch) {
      await js.publish(event.type, JSON.stringify(event), { msgID: event.id, expect: { streamName: this.config.natsStream } });
    }
    await this.dataSource.query(
      `insert into publication_cursors (name, position) values ($1, $2)
       on conflict (name) do update set position = greatest(publication_cursors.position, excluded.position)`,
      [JETSTREAM_PUBLISHER, batch[batch.length - 1].position],
    );
    return batch.length;
  }

  private async jetStream(natsUrl: string): Promise<JetStreamClient> {
    if (!this.connection || this.connection.isClosed()) {
      this.connection = await connect({ servers: natsUrl, name: 'clinic-booking', maxReconnectAttempts: -1 });
      await this.ensureStream(this.connection);
    }
    return jetstream(this.connection);
  }

  /**
   * The stream of the public events, created on first use with a duplicate window to match. A
   * stream created before a family of events was published (one with `appointment.>` alone)
   * gets the missing subjects added, or its publication would stop at the first such event.
   */
  private async ensureStream(connection: NatsConnection): Promise<void> {
    const manager = await jetstreamManager(connection);
    const name = this.config.natsStream;
    const info = await manager.streams.info(name).catch(() => null);
    if (!info) {
      await manager.streams.add({ name, subjects: [...STREAM_SUBJECTS], duplicate_window: DUPLICATE_WINDOW_NS });
      return;
    }
    const subjects = info.config.subjects;
    const missing = STREAM_SUBJECTS.filter((subject) => !subjects.includes(subject));
    if (missing.length > 0) await manager.streams.update(name, { subjects: [...subjects, ...missing] });
  }
}
