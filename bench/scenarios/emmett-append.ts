import { PostgreSQLEventStoreDefaultStreamVersion, getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import { dropDatabase, ensureDatabase, withDatabaseName } from '../../src/database/database-url';
import { round, summarize } from '../stats';
import { appointmentCreated, ThroughputResult } from './direct-booking';

/**
 * B8, what a user would pick instead: Emmett's PostgreSQL event store (`appendToStream` of
 * `@event-driven-io/emmett-postgresql`), on the same server in the same run. Each call appends
 * one event the size of an AppointmentCreated (B0's data and metadata) to a new stream
 * `Appointment-<id>`, expecting the stream not to exist yet (Emmett's version check, in its
 * `emt_append_to_stream` function). Its tables live in a database of their own, created here
 * and dropped by `close`, so the app never sees them.
 */
export interface EmmettBench {
  run(concurrency: number, durationMs: number): Promise<ThroughputResult>;
  close(): Promise<void>;
}

export async function prepareEmmettAppend(benchDatabaseUrl: string): Promise<EmmettBench> {
  const serverUrl = benchDatabaseUrl;
  const name = `${new URL(benchDatabaseUrl).pathname.slice(1)}_emmett`;
  await ensureDatabase(serverUrl, name);
  const url = withDatabaseName(serverUrl, name);
  // Emmett's schema (tables, functions) is created once, before any timing.
  const setup = getPostgreSQLEventStore(url);
  await setup.schema.migrate();
  await setup.close();
  return {
    run: (concurrency, durationMs) => runEmmettAppend(url, concurrency, durationMs),
    close: () => dropDatabase(serverUrl, name),
  };
}

async function runEmmettAppend(url: string, concurrency: number, durationMs: number): Promise<ThroughputResult> {
  // A pool of `concurrency` connections, as B0 has, handed to the event store.
  const pool = new Pool({ connectionString: url, max: concurrency });
  const eventStore = getPostgreSQLEventStore(url, { schema: { autoMigration: 'None' }, connectionOptions: { pool } });
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  let slot = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      // Timed as B0 times a booking: from building the event to the commit.
      const begun = performance.now();
      const { appointmentId, data, metadata } = appointmentCreated(slot++);
      await eventStore.appendToStream(`Appointment-${appointmentId}`, [{ type: 'AppointmentCreated', data, metadata }], {
        expectedStreamVersion: PostgreSQLEventStoreDefaultStreamVersion,
      });
      latencies.push(performance.now() - begun);
    }
  };
  let elapsed: number;
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
    elapsed = (performance.now() - started) / 1000;
  } finally {
    await eventStore.close();
    await pool.end().catch(() => undefined);
  }
  return { concurrency, perSecond: round(latencies.length / elapsed), total: latencies.length, latency: summarize(latencies) };
}
