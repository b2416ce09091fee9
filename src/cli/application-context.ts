import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { openDatabaseServer } from '../database/database-server';
import { commandConfig, note } from './command';

/**
 * The configured database: DATABASE_URL, or the embedded server, used beside a running app
 * when there is one, else started for the command and stopped afterwards.
 */
export async function withDatabase<T>(config: AppConfig, work: (databaseUrl: string) => Promise<T>): Promise<T> {
  const server = await openDatabaseServer(config, note, 'command');
  try {
    return await work(server.url);
  } finally {
    await server.stop();
  }
}

/**
 * The application's providers without HTTP, subscriptions or demo data, on a database: for
 * commands that act on the running system's data (rebuilds, resumes, the benchmark).
 */
export function applicationContext(config: AppConfig, databaseUrl: string): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(AppModule.forRoot({ ...config, runSubscriptions: false, seedDemoData: false }, databaseUrl), {
    logger: ['error', 'warn'],
  });
}

/** Runs `work` with the application context on the configured database, then closes both. */
export function withApplicationContext<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = commandConfig();
  return withDatabase(config, async (databaseUrl) => {
    const app = await applicationContext(config, databaseUrl);
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  });
}
