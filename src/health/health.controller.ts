import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ReadDatabase } from '../database/read-database';
import { SubscriptionRegistry } from '../event-store/subscriptions/subscription-registry';
import { SubscriptionLag, SubscriptionStatus } from '../event-store/subscriptions/subscription-status';
import { isDatabaseUnavailable } from '../shared/database-errors';
import { Public } from '../shared/auth/roles.decorator';

/**
 * Liveness (the process answers) and readiness (the database answers and every subscription of
 * the registry runs within SUBSCRIPTION_LAG_THRESHOLD_SECONDS): a stopped projection makes the
 * service unready, with the failing event in the details. A checkpoint left behind by a
 * subscription the registry no longer lists (renamed or removed) says nothing of this service.
 * With a read replica, readiness also shows its state and lag (`replica`).
 */
@Controller('health')
@ApiTags('Operations')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly subscriptions: SubscriptionStatus,
    private readonly registry: SubscriptionRegistry,
    private readonly reads: ReadDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @HealthCheck()
  live() {
    return this.health.check([() => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  @Get()
  @ApiOperation({ summary: 'Readiness (same as /health/ready)' })
  @HealthCheck()
  check() {
    return this.ready();
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers and every subscription keeps up' })
  @HealthCheck()
  ready() {
    const replica = this.reads.status().state === 'none' ? [] : [() => this.replicaHealth()];
    return this.health.check([() => this.database.pingCheck('database').withTimeout(1500), () => this.subscriptionsHealth(), ...replica]);
  }

  /**
   * The read replica's state, lag and where reads go. Always up: the primary answers every read
   * a lagging or unreachable replica cannot, so the replica never makes the instance unready.
   */
  private replicaHealth() {
    return this.indicators.check('replica').up({ ...this.reads.status() });
  }

  private async subscriptionsHealth() {
    const indicator = this.indicators.check('subscriptions');
    let lag: SubscriptionLag[];
    try {
      const registered = new Set(this.registry.names());
      lag = (await this.subscriptions.lag()).filter((s) => registered.has(s.name));
    } catch (error) {
      // Without the database their progress is unknown; the database indicator says why.
      if (isDatabaseUnavailable(error)) return indicator.down({ progress: 'unknown: the database is unavailable' });
      throw error;
    }
    const threshold = this.config.subscriptionLagThresholdSeconds;
    const unhealthy = lag.filter((s) => s.status === 'stopped' || s.secondsBehind > threshold);
    const details = Object.fromEntries(
      lag.map((s) => [s.name, { status: s.status, eventsBehind: s.eventsBehind, secondsBehind: s.secondsBehind, failedPosition: s.failedPosition, failure: s.failure }]),
    );
    return unhealthy.length === 0 ? indicator.up(details) : indicator.down(details);
  }
}
