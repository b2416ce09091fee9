import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppointmentsModule } from './appointments/appointments.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { decodeEvent } from './event-decoding';
import { SchedulesModule } from './schedules/schedules.module';
import { dataSourceOptions } from './database/data-source-options';
import { ReadDatabaseModule } from './database/read-database';
import { EventStoreModule } from './event-store/event-store.module';
import { SubscriptionsModule } from './event-store/subscriptions/subscriptions.module';
import { appointmentPersonalData } from './appointments/persistence/appointment-personal-data';
import { DashboardModule } from './dashboard/dashboard.module';
import { HealthController } from './health/health.controller';
import { IntegrationEventsModule } from './integration-events/integration-events.module';
import { NotificationsModule } from './notifications/notifications.module';
import { Logger } from 'pino';
import { createRootLogger, loggingModule } from './observability/logging';
import { ObservabilityModule } from './observability/observability.module';
import { PatientErasureModule } from './patient-erasure/patient-erasure.module';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { AuthGuard } from './shared/auth/auth.guard';
import { ProblemDetailsFilter } from './shared/http/problem-details.filter';
import { UserThrottlerGuard } from './shared/http/user-throttler.guard';
import { ReadYourWritesInterceptor } from './shared/http/read-your-writes';
import { createValidationPipe } from './shared/http/validation.pipe';
import { SharedModule } from './shared/shared.module';
import { SUBSCRIPTION_REGISTRY } from './subscription-registry';
import { WaitlistModule } from './waitlist/waitlist.module';

/** The throttler's window: RATE_LIMIT_PER_MINUTE counts the requests of one minute. */
const RATE_LIMIT_WINDOW_MS = 60_000;
/**
 * Events a subscription applies in one transaction at most: a projection catching up moves in
 * few transactions, while one batch (its events, the states folded for them, the rows written)
 * stays small in memory. A failed batch is retried event by event.
 */
const SUBSCRIPTION_BATCH_SIZE = 500;
/**
 * How often an instance without a subscription's lock tries to take it: a subscription whose
 * instance died runs again elsewhere within about a second.
 */
const SUBSCRIPTION_LOCK_RETRY_MS = 1000;

@Module({})
export class AppModule {
  /** The whole application on the database at `databaseUrl` (migrations run at start). */
  static forRoot(config: AppConfig, databaseUrl: string, logger: Logger = createRootLogger(config)): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(logger),
        SharedModule,
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, config.databasePoolSize)),
        ReadDatabaseModule.forRoot({
          replica: config.databaseReplicaUrl ? dataSourceOptions(config.databaseReplicaUrl, config.databasePoolSize) : undefined,
          maxLagMs: config.databaseReplicaMaxLagMs,
        }),
        CqrsModule.forRoot(),
        ThrottlerModule.forRoot([{ ttl: RATE_LIMIT_WINDOW_MS, limit: config.rateLimitPerMinute }]),
        EventStoreModule.forRoot(appointmentPersonalData),
        SubscriptionsModule.forRoot(
          {
            run: config.runSubscriptions,
            batchSize: SUBSCRIPTION_BATCH_SIZE,
            pollMs: config.subscriptionPollMs,
            batchWindowMs: config.subscriptionBatchWindowMs,
            maxAttempts: config.subscriptionMaxAttempts,
            retryBaseMs: config.subscriptionRetryBaseMs,
            lockRetryMs: SUBSCRIPTION_LOCK_RETRY_MS,
          },
          decodeEvent,
          SUBSCRIPTION_REGISTRY,
        ),
        ReferenceDataModule,
        AppointmentsModule,
        SchedulesModule,
        NotificationsModule,
        PatientErasureModule,
        WaitlistModule,
        IntegrationEventsModule,
        TerminusModule,
        ObservabilityModule,
        DashboardModule,
      ],
      controllers: [HealthController],
      providers: [
        // Guards run in this order: rate limits first, so floods of bad tokens are limited too.
        { provide: APP_GUARD, useClass: UserThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
      ],
    };
  }
}
