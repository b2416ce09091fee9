import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from '../shared/database-errors';

/** How often the replica's lag is measured (and a replica that was unreachable is tried again). */
const LAG_CHECK_MS = 200;

/** The replica's connections wait at most this long for a connection: a replica that is down costs a read little. */
const REPLICA_CONNECT_TIMEOUT_MS = 2000;

/** WAL samples kept while the replica has not replayed them (a paused replica falls further behind, memory does not grow). */
const MAX_SAMPLES = 1000;

export interface ReadDatabaseOptions {
  /** The streaming replica's data source (unset: every read goes to the primary). */
  replica: DataSourceOptions | undefined;
  /** Past this lag (ms) reads go to the primary. */
  maxLagMs: number;
}

const READ_DATABASE_OPTIONS = Symbol('READ_DATABASE_OPTIONS');

/** Where reads go and why, for /health and /metrics. */
export interface ReplicaStatus {
  /**
   * `none`: no replica configured; `streaming`: within the bound; `lagging`: past it;
   * `unavailable`: it cannot be reached (or is not a standby).
   */
  state: 'none' | 'streaming' | 'lagging' | 'unavailable';
  /** How long ago the primary had written the last WAL the replica has replayed; null when unknown. */
  lagMs: number | null;
  /** The database the queries of the read tables go to now. */
  reads: 'replica' | 'primary';
}

/** A WAL position of the primary and when it was read. */
interface WalSample {
  at: number;
  lsn: bigint;
}

/** `16/B374D848` as a number, so that WAL positions compare. */
function lsnValue(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * The database the queries of the read tables run on: a PostgreSQL streaming replica when
 * DATABASE_REPLICA_URL is set and the replica is at most DATABASE_REPLICA_MAX_LAG_MS behind,
 * the primary otherwise. A handler takes it where it took the primary's DataSource and calls
 * `query` or `manager` as before. The write path and every read of the write side's tables
 * (availability reads the reservations) keep the primary's DataSource.
 *
 * The lag is measured as replay lag in time, from WAL positions: every LAG_CHECK_MS the
 * primary's current WAL position is sampled with the time, and the replica's last replayed
 * position is read; the lag is the age of the newest sample the replica has replayed up to, so
 * "lag 300 ms" means the replica holds everything the primary had written 300 ms ago. (An idle
 * primary writes no WAL, so an idle replica shows a lag of one interval, not the time since the
 * last commit as `pg_last_xact_replay_timestamp()` would.)
 *
 * Read-your-writes (`minPosition`) is exact on either database: ReadSideProgress waits on the
 * database the query will read, which has the subscriptions' checkpoints (replicated with the
 * rows they were committed with); `within` pins a request to the database its wait was done on.
 */
@Injectable()
export class ReadDatabase implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReadDatabase');
  private readonly pinned = new AsyncLocalStorage<DataSource>();
  private readonly replica: DataSource | undefined;
  private samples: WalSample[] = [];
  private lagMs: number | null = null;
  private reachable = false;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    @InjectDataSource() readonly primary: DataSource,
    @Inject(READ_DATABASE_OPTIONS) private readonly options: ReadDatabaseOptions,
  ) {
    if (options.replica) {
      const extra = { ...(options.replica as { extra?: object }).extra, connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS };
      this.replica = new DataSource({ ...options.replica, migrationsRun: false, synchronize: false, extra });
    }
  }

  onModuleInit(): void {
    if (!this.replica) return;
    this.checking = this.check();
    this.timer = setInterval(() => {
      this.checking = this.checking.then(() => this.check());
    }, LAG_CHECK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.checking;
    if (this.replica?.isInitialized) await this.replica.destroy();
  }

  /** The database reads go to now: the replica while it is reachable and within the bound, else the primary. */
  current(): DataSource {
    return this.replica && this.replicaUsable() ? this.replica : this.primary;
  }

  /** True for the replica's data source. */
  isReplica(database: DataSource): boolean {
    return database === this.replica;
  }

  /** Runs `work` (a request's wait and its handler) with every read on `database`. */
  within<T>(database: DataSource, work: () => T): T {
    return this.pinned.run(database, work);
  }

  /** The entity manager of the request's database (or of the one reads go to now). */
  get manager(): EntityManager {
    return (this.pinned.getStore() ?? this.current()).manager;
  }

  /**
   * A read-only query on the request's database (or the one reads go to now). A replica that
   * cannot be reached is marked so and the query answered by the primary, which is never behind it.
   * The row type is `any` unless given, as DataSource.query has it, so that a handler switches
   * to ReadDatabase by its constructor alone.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query<T = any>(sql: string, parameters?: unknown[]): Promise<T> {
    const database = this.pinned.getStore() ?? this.current();
    try {
      return await database.query(sql, parameters);
    } catch (error) {
      if (!this.isReplica(database) || !isDatabaseUnavailable(error)) throw error;
      this.replicaFailed(error);
      return await this.primary.query(sql, parameters);
    }
  }

  /** Marks the replica unreachable until the next successful measurement. */
  replicaFailed(error: unknown): void {
    if (this.reachable) this.logger.warn(`The read replica cannot be reached (${(error as Error).message}): reads go to the primary`);
    this.reachable = false;
    this.lagMs = null;
  }

  status(): ReplicaStatus {
    if (!this.replica) return { state: 'none', lagMs: null, reads: 'primary' };
    const state = !this.reachable || this.lagMs === null ? 'unavailable' : this.replicaUsable() ? 'streaming' : 'lagging';
    return { state, lagMs: this.lagMs, reads: this.current() === this.replica ? 'replica' : 'primary' };
  }

  private replicaUsable(): boolean {
    return this.reachable && this.lagMs !== null && this.lagMs <= this.options.maxLagMs;
  }

  private async check(): Promise<void> {
    const replica = this.replica;
    if (!replica || this.closed) return;
    try {
      if (!replica.isInitialized) await replica.initialize();
      const at = Date.now();
      const [{ lsn }]: Array<{ lsn: string }> = await this.primary.query(`select pg_current_wal_lsn()::text as lsn`);
      this.samples.push({ at, lsn: lsnValue(lsn) });
      const [{ replayed }]: Array<{ replayed: string | null }> = await replica.query(`select pg_last_wal_replay_lsn()::text as replayed`);
      // Not a standby (no WAL replayed): its tables are not the primary's, never read them.
      if (replayed === null) throw new Error('DATABASE_REPLICA_URL names a server that is not a standby');
      this.measure(lsnValue(replayed), Date.now());
      if (!this.reachable) this.logger.log('The read replica answers: reads go to it while it is within DATABASE_REPLICA_MAX_LAG_MS');
      this.reachable = true;
    } catch (error) {
      this.replicaFailed(error);
      this.samples = [];
      if (replica.isInitialized && !isDatabaseUnavailable(error)) await replica.destroy().catch(() => undefined);
    }
  }

  /**
   * The lag from the samples: the age of the newest one the replica has replayed up to (or of
   * the oldest kept, a lower bound, while it has not reached even that one).
   */
  private measure(replayed: bigint, now: number): void {
    let newest = 0;
    for (let i = 1; i < this.samples.length; i++) if (this.samples[i].lsn <= replayed) newest = i;
    // Older samples say less than the newest one reached; of those not reached, a bounded number is kept.
    this.samples = this.samples.slice(newest);
    if (this.samples.length > MAX_SAMPLES) this.samples.splice(1, this.samples.length - MAX_SAMPLES);
    this.lagMs = now - this.samples[0].at;
  }
}

/** Provides ReadDatabase everywhere; `replica` unset: it reads from the primary. */
@Global()
@Module({})
export class ReadDatabaseModule {
  static forRoot(options: ReadDatabaseOptions): DynamicModule {
    return {
      module: ReadDatabaseModule,
      providers: [{ provide: READ_DATABASE_OPTIONS, useValue: options }, ReadDatabase],
      exports: [ReadDatabase],
    };
  }
}
