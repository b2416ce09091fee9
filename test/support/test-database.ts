import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabaseName } from '../../src/database/database-url';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server (or the server given), for one test file. */
export async function createTestDatabase(serverUrl = process.env.TEST_DATABASE_SERVER_URL): Promise<TestDatabase> {
  if (!serverUrl) throw new Error('TEST_DATABASE_SERVER_URL is unset: run the tests through jest (global setup)');
  const name = `clinic_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(serverUrl, name);
  return { url: withDatabaseName(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}
