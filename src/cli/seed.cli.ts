import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { seedDemoData } from '../database/demo-data';
import { withDatabase } from './application-context';
import { commandConfig, runCommand } from './command';

const USAGE = `Usage: npm run seed [-- --help]

Migrates the configured database (DATABASE_URL, else the embedded PostgreSQL: the running app's
or one started for this command) and loads the demo clinic; existing records are kept.`;

runCommand({ usage: USAGE, options: {}, positionals: { min: 0, max: 0 } }, () =>
  withDatabase(commandConfig(), async (databaseUrl) => {
    const dataSource = new DataSource(dataSourceOptions(databaseUrl, 2));
    try {
      await dataSource.initialize();
      await seedDemoData(dataSource);
      console.log('Demo clinic loaded: 3 doctors, 6 patients, 3 rooms, 4 appointment types');
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  }),
);
