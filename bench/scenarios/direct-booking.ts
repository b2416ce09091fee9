import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { LatencySummary, round, summarize } from '../stats';

/**
 * B0, the ceiling: the database work of one booking done straight with `pg`, with no
 * application in between. One transaction: the stream's version check, the reservation under
 * the three exclusion constraints, the event append (append-only and notify triggers alike), the
 * idempotency row. It runs on copies of the real tables (same columns, indexes, constraints
 * and triggers), so that the application's subscriptions never see these rows.
 */
export async function prepareDirectBooking(url: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    await pool.query(`
      create table bench_reservations (like reservations including all);
      create sequence bench_events_position;
      create table bench_events (like events including all);
      alter table bench_events alter column position set default nextval('bench_events_position');
      create trigger bench_events_no_update_or_delete before update or delete on bench_events
        for each row execute function events_are_append_only();
      create function bench_events_notify() returns trigger language plpgsql as $$
        begin perform pg_notify('bench_events_appended', ''); return null; end $$;
      create trigger bench_events_appended after insert on bench_events
        for each statement execute function bench_events_notify();
      create table bench_idempotency_keys (like idempotency_keys including all);`);
    // The copy must keep every exclusion constraint, the clinic's closure one included.
    const { rows } = await pool.query<{ table: string; constraints: number }>(
      `select conrelid::regclass::text as table, count(*)::int as constraints from pg_constraint
       where contype = 'x' and conrelid in ('reservations'::regclass, 'bench_reservations'::regclass) group by conrelid`,
    );
    const count = (table: string) => rows.find((row) => row.table === table)?.constraints ?? 0;
    if (count('bench_reservations') !== count('reservations') || count('reservations') < 4) {
      throw new Error(`bench_reservations has ${count('bench_reservations')} exclusion constraints, reservations ${count('reservations')}`);
    }
  } finally {
    await pool.end();
  }
}

/**
 * The schedule blocks of the bench clinic (time off, room blocks, the closure) copied into B0's
 * reservations, so that its inserts meet the same kinds of rows under the same constraints.
 */
export async function copyBlocksToDirectBooking(url: string): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query<{ name: string }>(
      `select column_name as name from information_schema.columns
       where table_name = 'reservations' and table_schema = current_schema() and is_generated = 'NEVER' order by ordinal_position`,
    );
    const columns = rows.map((row) => `"${row.name}"`).join(', ');
    const copied = await pool.query(`insert into bench_reservations (${columns}) select ${columns} from reservations where kind <> all($1::text[])`, [
      ['appointment', 'hold'],
    ]);
    return copied.rowCount ?? 0;
  } finally {
    await pool.end();
  }
}

export interface ThroughputResult {
  concurrency: number;
  perSecond: number;
  total: number;
  latency: LatencySummary;
}

export async function runDirectBooking(url: string, concurrency: number, durationMs: number): Promise<ThroughputResult> {
  const pool = new Pool({ connectionString: url, max: concurrency });
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  let slot = 0;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (performance.now() < deadline) {
        const begun = performance.now();
        await oneBooking(client, slot++);
        latencies.push(performance.now() - begun);
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.end();
  return { concurrency, perSecond: round(latencies.length / elapsed), total: latencies.length, latency: summarize(latencies) };
}

/**
 * The data and metadata of the AppointmentCreated of a booking in slot `slot` (on random
 * doctors, rooms and patients), of the size the application writes: B0 and B8 append it.
 */
export function appointmentCreated(slot: number) {
  const appointmentId = randomUUID();
  const start = new Date(Date.UTC(2030, 0, 1) + slot * 15 * 60_000);
  const end = new Date(start.getTime() + 15 * 60_000);
  const data = {
    appointmentId,
    doctorId: randomUUID(),
    patientId: randomUUID(),
    roomId: randomUUID(),
    appointmentTypeId: randomUUID(),
    start: start.toISOString(),
    end: end.toISOString(),
    // The size of a sealed title.
    title: `pd1:${Buffer.alloc(48, slot % 251).toString('base64')}`,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
  };
  const metadata = { correlationId: randomUUID(), causationId: randomUUID(), actor: { userId: 'bench', role: 'staff' }, requestId: randomUUID() };
  return { appointmentId, start, end, data, metadata };
}

async function oneBooking(client: { query(sql: string, params?: unknown[]): Promise<unknown> }, slot: number): Promise<void> {
  const { appointmentId, start, end, data, metadata } = appointmentCreated(slot);
  await client.query('begin');
  try {
    await client.query(`select coalesce(max(version), 0)::int as version from bench_events where aggregate_id = $1`, [appointmentId]);
    await client.query(
      `insert into bench_reservations (reserved_by, kind, doctor_id, room_id, patient_id, span, during) values ($1, 'appointment', $2, $3, $4, tstzrange($5, $6), tstzrange($5, $6))`,
      [appointmentId, data.doctorId, data.roomId, data.patientId, start, end],
    );
    await client.query(
      `insert into bench_events (event_id, aggregate_id, aggregate_type, version, event_type, schema_version, data, metadata)
       values ($1, $2, 'Appointment', 1, 'AppointmentCreated', 2, $3, $4)`,
      [randomUUID(), appointmentId, JSON.stringify(data), JSON.stringify(metadata)],
    );
    await client.query(
      `insert into bench_idempotency_keys (user_id, key, request_fingerprint, response_status, response_body) values ($1, $2, $3, 201, $4)`,
      ['bench', randomUUID(), 'f'.repeat(64), JSON.stringify({ status: 201, position: slot, appointment: data })],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}
