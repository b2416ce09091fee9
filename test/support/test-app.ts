import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Provider } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { seedDemoData } from '../../src/database/demo-data';
import { SubscriptionEntry, SubscriptionRegistry } from '../../src/event-store/subscriptions/subscription-registry';
import { signAccessToken } from '../../src/shared/auth/access-token';
import { Actor } from '../../src/shared/auth/actor';
import { Clock } from '../../src/shared/clock';
import { useLiveAdapter } from '../../src/notifications/live/live-io.adapter';
import { setupApiDocs } from '../../src/observability/api-docs';
import { configureHttpApp, createHttpAdapter } from '../../src/shared/http/http-app';
import { SUBSCRIPTION_REGISTRY } from '../../src/subscription-registry';
import { MutableClock } from './mutable-clock';
import { createTestDatabase, TestDatabase } from './test-database';
import { HttpClient } from './http-client';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  clock: MutableClock;
  config: AppConfig;
  dataSource: DataSource;
  database: TestDatabase;
  http: HttpClient;
  tokenFor(actor: Partial<Actor> & Pick<Actor, 'role'>): string;
  close(): Promise<void>;
}

/**
 * The whole application on a fresh database (migrated, demo clinic loaded), listening on a
 * random loopback port, with a clock the test controls. Pass `database` to start a second
 * instance on the same database (it is then left for the first to drop), `providers` to add
 * test handlers and `subscriptions` to register the subscriptions of those handlers.
 */
export async function startTestApp(
  options: { now?: string; env?: Record<string, string>; providers?: Provider[]; subscriptions?: SubscriptionEntry[]; database?: TestDatabase; seed?: boolean } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({ LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '8', PATIENT_MAX_FUTURE_BOOKINGS: '1000', MAIL_DIR: join(tmpdir(), `clinic-mail-${process.pid}`), ...options.env });
  const clock = new MutableClock(new Date(options.now ?? '2027-03-01T08:00:00Z'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, database.url)], providers: options.providers ?? [] })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(SubscriptionRegistry)
    .useValue(SUBSCRIPTION_REGISTRY.with(...(options.subscriptions ?? [])))
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), { logger: ['error'] });
  await configureHttpApp(app, config);
  setupApiDocs(app);
  await useLiveAdapter(app, config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const dataSource = app.get(DataSource);
  if (options.seed !== false) await seedDemoData(dataSource);
  let users = 0;
  return {
    app,
    baseUrl,
    clock,
    config,
    dataSource,
    database,
    http: new HttpClient(baseUrl),
    tokenFor: (actor) => signAccessToken({ userId: `${actor.role}-user-${++users}`, ...actor }, config.jwtSecret),
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}
