import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { setupApiDocs } from './observability/api-docs';
import { createRootLogger } from './observability/logging';
import { NestPinoLogger } from './observability/nest-pino-logger';
import { ConfigError, loadConfig } from './config/app-config';
import { loadEnvFileIfPresent } from './config/env-file';
import { openDatabaseServer } from './database/database-server';
import { isEmpty, seedDemoData } from './database/demo-data';
import { useLiveAdapter } from './notifications/live/live-io.adapter';
import { beginShutdown, configureHttpApp, createHttpAdapter } from './shared/http/http-app';
import { keepingShutdownSignals, onShutdownSignal } from './shared/shutdown-signals';

/**
 * Longest a graceful shutdown may take (a subscription's batch, requests in flight, the pool);
 * past it the process exits with 1, so an orchestrator never waits on a stuck shutdown.
 */
const SHUTDOWN_DEADLINE_MS = 30_000;

async function main(): Promise<void> {
  const logger = new Logger('Main');
  loadEnvFileIfPresent();
  const config = loadConfig();
  const rootLogger = createRootLogger(config);
  const database = await keepingShutdownSignals(() => openDatabaseServer(config, (message) => rootLogger.info({ context: 'Main' }, message)));
  let app: NestFastifyApplication | undefined;

  // Graceful shutdown: subscriptions finish their batch and save their checkpoint, requests in
  // flight are answered (new ones are refused), sockets and the pool close, then the embedded
  // database (if this process started it) stops, and the process exits 0. A signal during the
  // start-up stops the database as well.
  const stop = async (signal: string) => {
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error(`Shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms: exiting`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      if (app) {
        beginShutdown(app);
        await app.close();
      }
      await database.stop();
      logger.log('Shut down cleanly');
      process.exit(0);
    } catch (error) {
      logger.error(`Shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  onShutdownSignal(
    (signal) => void stop(signal),
    (signal) => logger.log(`${signal} received: already shutting down`),
  );

  app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, database.url, rootLogger), createHttpAdapter(rootLogger), {
    bufferLogs: true,
  });
  app.useLogger(app.get(NestPinoLogger));
  await configureHttpApp(app, config);
  if (config.runHttp) setupApiDocs(app);
  await useLiveAdapter(app, config);
  if (!config.runHttp && !config.redisUrl) {
    logger.warn('A worker without REDIS_URL: dashboards connected to the API instances receive no live updates');
  }

  const dataSource = app.get(DataSource);
  if (config.seedDemoData && (await isEmpty(dataSource))) {
    await seedDemoData(dataSource);
    logger.log('Loaded the demo clinic into the empty database (npm run token -- --role staff for a token)');
  }

  await app.listen({ port: config.port, host: config.host });
  const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  logger.log(config.runHttp ? `Listening on ${address}` : `Worker (RUN_HTTP=false): subscriptions only; /health and /metrics on ${address}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
