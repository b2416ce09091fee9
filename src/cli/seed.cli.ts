import { commandConfig, runCommand } from './command';

const USAGE = `Usage: npm run seed [-- --help]

Migrates the configured database (DATABASE_URL, else the embedded PostgreSQL: the running app's
or one started for this command) and loads the demo clinic; existing records are kept.`;

runCommand({ usage: USAGE, options: {}, positionals: { min: 0, max: 0 } }, async () => {
  // The application is loaded once the command line is known to be right: --help answers at once.
  await import('reflect-metadata');
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions } = await import('../database/data-source-options.js');
  const { seedDemoData } = await import('../database/demo-data.js');
  const { withDatabase } = await import('./application-context.js');
  await withDatabase(commandConfig(), async (databaseUrl) => {
    const dataSource = new DataSource(dataSourceOptions(databaseUrl, 2));
    try {
      await dataSource.initialize();
      await seedDemoData(dataSource);
      console.log('Demo clinic loaded: 3 doctors, 6 patients, 3 rooms, 4 appointment types');
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  });
});
