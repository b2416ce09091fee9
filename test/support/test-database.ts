import { randomBytes } from 'node:crypto';
import { Client, QueryResult } from 'pg';
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

/** A test database the tests of one describe block reach directly: its URL, for the app processes they start, and a query on it. */
export interface ProcessTestDatabase {
  readonly url: string;
  query(sql: string, params?: unknown[]): Promise<QueryResult>;
}

/** A fresh database with a client onto it, made before the tests of the enclosing describe block run and dropped after them. */
export function processTestDatabase(): ProcessTestDatabase {
  let database: TestDatabase | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });
  const started = () => {
    if (!database || !client) throw new Error('The test database is made before all tests: use it inside a test');
    return { database, client };
  };
  return {
    get url() {
      return started().database.url;
    },
    query: (sql, params) => started().client.query(sql, params),
  };
}
