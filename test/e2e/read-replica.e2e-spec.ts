import { DataSource } from 'typeorm';
import { APPOINTMENT_DETAILS_COLUMNS } from '../../src/appointments/details/appointment-details.columns';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { findPromtool, lintMetrics } from '../support/promtool';
import { ReadReplica, REPLICA_PRIMARY_URL, startReadReplica } from '../support/read-replica';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

/** The lag bound of these tests: a paused replica is left behind after this long. */
const MAX_LAG_MS = 1500;

/** Half-hour slots of Dr. Weber on Monday 2027-03-22 (Berlin, CET), one per booking. */
const slot = (index: number) => `2027-03-22T${String(8 + Math.floor(index / 2)).padStart(2, '0')}:${index % 2 === 0 ? '00' : '30'}:00+01:00`;

describe('Queries served from a streaming replica (a second PostgreSQL made with pg_basebackup)', () => {
  let replica: ReadReplica;
  let database: TestDatabase;
  let app: TestApp;
  let staff: string;
  let bookings = 0;
  const queries = jest.spyOn(DataSource.prototype, 'query');
  /** What beforeAll made, undone in reverse order (also when it failed half-way). */
  const teardown: Array<() => Promise<unknown>> = [];

  /** Which server ran each query of the appointment details and list handlers since the last `mockClear`. */
  const detailsReadsOn = (): string[] =>
    queries.mock.calls.flatMap(([sql], index) => {
      if (!sql.startsWith(`select ${APPOINTMENT_DETAILS_COLUMNS} from appointment_details`)) return [];
      const { url } = (queries.mock.contexts[index] as DataSource).options as { url: string };
      return [url === database.url ? 'primary' : 'replica'];
    });
  const readiness = async () => (await app.http.get('/health/ready')).body.details.replica as { state: string; lagMs: number | null; reads: string };
  const book = async () => {
    const response = await app.http.post('/appointments', staff, bookingBody({ start: slot(bookings++) }));
    expect(response.status).toBe(201);
    return response;
  };

  beforeAll(async () => {
    replica = await startReadReplica();
    teardown.push(() => replica.remove());
    database = await createTestDatabase(REPLICA_PRIMARY_URL);
    teardown.push(() => database.drop());
    app = await startTestApp({
      database,
      env: { DATABASE_REPLICA_URL: replica.url(new URL(database.url).pathname.slice(1)), DATABASE_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS), READ_WAIT_MS: '10000' },
    });
    teardown.push(() => app.close());
    staff = app.tokenFor({ role: 'staff' });
    await eventually(async () => expect(await readiness()).toMatchObject({ state: 'streaming', reads: 'replica' }), 30_000);
  }, 120_000);

  afterAll(async () => {
    queries.mockRestore();
    for (const undo of teardown.reverse()) await undo();
  });

  it('answers a read after a write with minPosition exactly, from the replica', async () => {
    for (let round = 0; round < 5; round++) {
      const booked = await book();
      queries.mockClear();
      const read = await app.http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked));
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: booked.body.id, status: 'booked' });
      const list = await app.http.get(`/appointments?doctorId=${demo.weber.id}`, staff, afterWrite(booked));
      expect(list.body.items.map((item: { id: string }) => item.id)).toContain(booked.body.id);
      const day = await app.http.get(`/doctors/${demo.weber.id}/schedule?date=2027-03-22`, staff, afterWrite(booked));
      expect(day.body.appointments.map((item: { id: string }) => item.id)).toContain(booked.body.id);
      expect(detailsReadsOn()).toEqual(['replica', 'replica']);
    }
    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^database_replica_serving_reads 1$/m);
    expect(metrics).toMatch(/^database_replica_lag_seconds \d+(\.\d+)?$/m);
    expect(lintMetrics(findPromtool(), metrics)).toEqual({ status: 0, problems: [] });
  });

  it('with the replica paused, falls back to the primary once it lags past the bound, with current data; back on the replica when it catches up', async () => {
    await replica.pauseReplay();
    const paused = Date.now();
    const booked = await book();
    queries.mockClear();
    const read = await app.http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: booked.body.id, status: 'booked' });
    // It waited on the replica until it was left behind: its lag counts from the last WAL sample
    // it replayed, taken up to a measurement interval (200 ms) before the pause.
    expect(Date.now() - paused).toBeGreaterThanOrEqual(MAX_LAG_MS - 400);
    expect(detailsReadsOn()).toEqual(['primary']);
    expect(await readiness()).toMatchObject({ state: 'lagging', reads: 'primary' });

    queries.mockClear();
    const list = await app.http.get(`/appointments?doctorId=${demo.weber.id}`, staff);
    expect(list.body.items).toHaveLength(bookings);
    expect(detailsReadsOn()).toEqual(['primary']);
    expect(await (await fetch(`${app.baseUrl}/metrics`)).text()).toMatch(/^database_replica_serving_reads 0$/m);

    await replica.resumeReplay();
    await eventually(async () => expect(await readiness()).toMatchObject({ state: 'streaming', reads: 'replica' }), 15_000);
    queries.mockClear();
    expect((await app.http.get(`/appointments/${booked.body.id}`, staff)).status).toBe(200);
    expect(detailsReadsOn()).toEqual(['replica']);
  });

  it('with the replica down, every query still answers, from the primary', async () => {
    await replica.stop();
    const list = await app.http.get(`/appointments?doctorId=${demo.weber.id}`, staff);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(bookings);

    const booked = await book();
    queries.mockClear();
    const read = await app.http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: booked.body.id, status: 'booked' });
    expect((await app.http.get(`/appointments/${booked.body.id}/history`, staff)).status).toBe(200);
    expect(detailsReadsOn().at(-1)).toBe('primary');
    expect(await readiness()).toMatchObject({ state: 'unavailable', lagMs: null, reads: 'primary' });
    const ready = await app.http.get('/health/ready');
    expect(ready.status).toBe(200);
  });
});
