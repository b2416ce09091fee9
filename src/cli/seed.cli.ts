import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { loadEnvFileIfPresent } from '../config/env-file';
import { dataSourceOptions } from '../database/data-source-options';
import { openDatabaseServer } from '../database/database-server';
import { seedDemoData } from '../database/demo-data';

/** `npm run seed`: migrates the database and loads the demo clinic (existing records are kept). */
async function main(): Promise<void> {
  loadEnvFileIfPresent();
  const config = loadConfig();
  const server = await openDatabaseServer(config, (message) => console.log(message));
  const dataSource = new DataSource(dataSourceOptions(server.url, 2));
  try {
    await dataSource.initialize();
    await seedDemoData(dataSource);
    console.log('Demo clinic loaded: 3 doctors, 6 patients, 3 rooms, 4 appointment types');
  } finally {
    await dataSource.destroy();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
