import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { loadEnvFileIfPresent } from '../config/env-file';
import { openDatabaseServer } from '../database/database-server';
import { Checkpoints } from '../event-store/subscriptions/checkpoints';

/**
 * `npm run subscriptions:resume -- <name>`: lets a projection that stopped at a failing event
 * (see /health/ready) retry from its checkpoint, once the cause has been fixed and deployed.
 */
async function main(): Promise<void> {
  loadEnvFileIfPresent();
  const name = process.argv[2];
  if (!name) throw new Error('Usage: npm run subscriptions:resume -- <subscription name>');
  const config = { ...loadConfig(), runSubscriptions: false, seedDemoData: false };
  const server = await openDatabaseServer(config, (message) => console.log(message));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, server.url), { logger: ['error', 'warn'] });
  try {
    await app.get(Checkpoints).resume(name);
    console.log(`${name}: resumed from its checkpoint`);
  } finally {
    await app.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
