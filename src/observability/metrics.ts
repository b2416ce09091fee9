import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ReadDatabase } from '../database/read-database';
import { isDatabaseUnavailable } from '../shared/database-errors';
import { SubscriptionLag, SubscriptionStatus } from '../event-store/subscriptions/subscription-status';
import { EmailOutbox } from '../notifications/email/email-outbox';
import { LiveGateway } from '../notifications/live/live.gateway';

/** How a command ended, for the commands counter. */
export type CommandMetricOutcome = 'ok' | 'conflict' | 'rule_broken' | 'invalid' | 'stale' | 'not_found' | 'gone' | 'error';

const MISNAMED_DEFAULT_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/**
 * Sets a gauge from what the database says. While the database cannot answer, the gauge has no
 * sample rather than a stale one, and the scrape still answers with every other metric: the
 * process's own figures matter most during an outage.
 */
async function fromDatabase(gauge: Gauge, read: () => Promise<void>): Promise<void> {
  gauge.reset();
  try {
    await read();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    gauge.reset();
  }
}

/**
 * The Prometheus metrics of one instance. Gauges that describe shared state (lag, outbox,
 * dead letters) are read from the database when scraped, so any instance reports them. Names
 * follow Prometheus' rules (checked by `promtool check metrics`): counters end in `_total` and
 * nothing else does, units are in the name (`_seconds`, `_bytes`), every family has a HELP.
 */
@Injectable()
export class Metrics implements OnModuleInit {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  private readonly commands = new Counter({
    name: 'appointment_commands_total',
    help: 'Appointment commands by type and outcome',
    labelNames: ['command', 'outcome'],
    registers: [this.registry],
  });

  private readonly appends = new Counter({
    name: 'events_appended_total',
    help: 'Events appended to the event store, by type',
    labelNames: ['event_type'],
    registers: [this.registry],
  });

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @InjectDataSource() dataSource: DataSource,
    status: SubscriptionStatus,
    outbox: EmailOutbox,
    gateway: LiveGateway,
    reads: ReadDatabase,
  ) {
    collectDefaultMetrics({ register: this.registry });
    // prom-client reports these counts as gauges named `_total`, which Prometheus reserves for
    // counters; the same numbers are the sum of its per-type gauges (nodejs_active_handles...).
    for (const name of MISNAMED_DEFAULT_GAUGES) this.registry.removeSingleMetric(name);
    const perSubscription = (name: string, help: string, value: (lag: SubscriptionLag) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['subscription'],
        registers: [this.registry],
        async collect() {
          await fromDatabase(this, async () => {
            for (const lag of await status.lag()) this.set({ subscription: lag.name }, value(lag));
          });
        },
      });
    perSubscription('subscription_lag_events', 'Committed events a subscription has not processed yet', (lag) => lag.eventsBehind);
    perSubscription('subscription_lag_seconds', 'Age of the oldest event a subscription has not processed yet', (lag) => lag.secondsBehind);
    perSubscription('subscription_stopped', '1 when a subscription stopped at a failing event', (lag) => (lag.status === 'stopped' ? 1 : 0));
    new Gauge({
      name: 'email_outbox_depth',
      help: 'Emails waiting to be sent',
      registers: [this.registry],
      async collect() {
        await fromDatabase(this, async () => this.set(await outbox.depth()));
      },
    });
    new Gauge({
      name: 'dead_letters_parked',
      help: 'Events parked by subscriptions and emails parked by the sender, waiting for an operator',
      labelNames: ['source'],
      registers: [this.registry],
      async collect() {
        await fromDatabase(this, async () => {
          const rows: Array<{ source: string; count: number }> = await dataSource.query(
            `select subscription as source, count(*)::int as count from dead_letters group by subscription
             union all select 'email-outbox', count(*)::int from email_outbox where status = 'parked'`,
          );
          for (const row of rows) this.set({ source: row.source }, row.count);
        });
      },
    });
    new Gauge({
      name: 'integration_events_unpublished',
      help: 'Integration events a publisher (NATS JetStream) has not had acknowledged yet',
      labelNames: ['publisher'],
      registers: [this.registry],
      async collect() {
        await fromDatabase(this, async () => {
          const rows: Array<{ name: string; behind: string }> = await dataSource.query(
            `select name, (select coalesce(max(position), 0) from integration_events) - position as behind from publication_cursors`,
          );
          for (const row of rows) this.set({ publisher: row.name }, Number(row.behind));
        });
      },
    });
    new Gauge({
      name: 'database_replica_lag_seconds',
      help: 'How long ago the primary had written the last WAL the read replica has replayed (no sample while it is unreachable)',
      registers: [this.registry],
      collect() {
        this.reset();
        const { lagMs } = reads.status();
        if (lagMs !== null) this.set(lagMs / 1000);
      },
    });
    new Gauge({
      name: 'database_replica_serving_reads',
      help: '1 while the queries of the read tables go to the read replica, 0 while they go to the primary',
      registers: [this.registry],
      collect() {
        this.reset();
        const { state, reads: to } = reads.status();
        if (state !== 'none') this.set(to === 'replica' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'websocket_clients',
      help: 'Live dashboard clients connected to this instance',
      registers: [this.registry],
      collect() {
        this.set(gateway.clients());
      },
    });
  }

  onModuleInit(): void {
    // A CLI runs the application without HTTP (the adapter is unset, whatever its type says):
    // nothing to measure there.
    const httpAdapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (!httpAdapter) return;
    const fastify = httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', async (request, reply) => {
      this.httpDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  }

  commandExecuted(command: string, outcome: CommandMetricOutcome): void {
    this.commands.inc({ command, outcome });
  }

  eventsAppended(types: readonly string[]): void {
    for (const type of types) this.appends.inc({ event_type: type });
  }
}
