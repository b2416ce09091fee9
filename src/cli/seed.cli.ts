import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { seedDemoData } from '../database/demo-data';
import { withDatabase } from './application-context';
import { commandConfig, runCommand } from './command';

/** `npm run seed`: migrates the database and loads the demo clinic (existing records are kept). */
runCommand(() =>
  withDatabase(commandConfig(), async (databaseUrl) => {
    const dataSource = new DataSource(dataSourceOptions(databaseUrl, 2));
    try {
      await dataSource.initialize();
      await seedDemoData(dataSource);
      console.log('Demo clinic loaded: 3 doctors, 6 patients, 3 rooms, 4 appointment types');
    } finally {
      await dataSource.destroy();
    }
  }),
);
