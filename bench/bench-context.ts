import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';

/**
 * The application's providers inside the bench process, without HTTP or subscriptions: to load
 * aggregates through the real repository (B4) and to write history through the real event
 * store, so that personal data is sealed as in production (B5).
 */
export function openBenchContext(databaseUrl: string): Promise<INestApplicationContext> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, RUN_SUBSCRIPTIONS: 'false', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn' });
  return NestFactory.createApplicationContext(AppModule.forRoot(config, databaseUrl), { logger: ['error', 'warn'] });
}
