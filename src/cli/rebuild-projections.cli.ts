import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { loadEnvFileIfPresent } from '../config/env-file';
import { openDatabaseServer } from '../database/database-server';
import { ProjectionRebuilder } from '../event-store/subscriptions/projection-rebuilder';

/**
 * `npm run projections:rebuild -- <name|all>`: rebuilds projections from the event log into
 * fresh tables and swaps them in. Safe while the app runs: it keeps serving the old tables.
 */
async function main(): Promise<void> {
  loadEnvFileIfPresent();
  const target = process.argv[2];
  if (!target) throw new Error('Usage: npm run projections:rebuild -- <name|all>');
  const config = { ...loadConfig(), runSubscriptions: false, seedDemoData: false };
  const server = await openDatabaseServer(config, (message) => console.log(message));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, server.url), { logger: ['log', 'error', 'warn'] });
  try {
    const rebuilder = app.get(ProjectionRebuilder);
    const names = target === 'all' ? rebuilder.projections() : [target];
    for (const name of names) {
      const started = performance.now();
      const { events } = await rebuilder.rebuild(name);
      const ms = Math.round(performance.now() - started);
      console.log(`${name}: rebuilt from ${events} events in ${ms} ms (${Math.round((events * 1000) / Math.max(ms, 1))} events/s)`);
    }
  } finally {
    await app.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
