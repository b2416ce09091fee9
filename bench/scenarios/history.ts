import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APPOINTMENT_AGGREGATE_TYPE, AppointmentCreated } from '../../src/appointments/domain/appointment.events';
import { appointmentPersonalData } from '../../src/appointments/persistence/appointment-personal-data';
import { PersonalDataVault } from '../../src/event-store/personal-data/personal-data-vault';
import { PROJECT_ROOT } from '../../test/support/app-process';
import { BenchClinic, bookingNumber, SLOT_MINUTES } from '../bench-clinic';
import { Counter, residentMegabytes, round } from '../stats';

const BATCH = 5000;
const REBUILD_CLI = join(PROJECT_ROOT, 'dist', 'cli', 'rebuild-projections.cli.js');

/**
 * Writes `count` booked appointments (one AppointmentCreated each, for the bench clinic's
 * doctors, rooms and patients, in distinct slots) straight into the event store, titles sealed
 * with the patients' keys as the application does. It is history imported while the app is
 * down: the notifications count it as already sent (see fastForwardNotifications).
 */
export async function importHistory(context: INestApplicationContext, clinic: BenchClinic, counter: Counter, count: number): Promise<void> {
  const dataSource = context.get(DataSource);
  const vault = context.get(PersonalDataVault);
  const metadata = JSON.stringify({ correlationId: 'bench-import', causationId: 'bench-import', actor: { userId: 'bench', role: 'staff' }, requestId: null });
  for (let from = 0; from < count; from += BATCH) {
    const data = Array.from({ length: Math.min(BATCH, count - from) }, () => {
      const booking = bookingNumber(clinic, counter.next());
      const start = new Date(booking.start);
      return {
        appointmentId: randomUUID(),
        doctorId: booking.doctorId,
        patientId: booking.patientId,
        roomId: booking.roomId,
        appointmentTypeId: booking.appointmentTypeId,
        start: start.toISOString(),
        end: new Date(start.getTime() + SLOT_MINUTES * 60_000).toISOString(),
        title: booking.title,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
      };
    });
    await dataSource.transaction(async (db) => {
      const sealed = await vault.seal(
        db,
        data.map((value) => ({ value, location: appointmentPersonalData.forEvent(AppointmentCreated.type, value) })),
      );
      await db.query(
        `insert into events (event_id, aggregate_id, aggregate_type, version, event_type, schema_version, data, metadata)
         select gen_random_uuid(), (d.data->>'appointmentId')::uuid, $2, 1, $3, $4, d.data, $5::jsonb
         from unnest($1::jsonb[]) with ordinality as d(data, n) order by d.n`,
        [sealed.map((value) => JSON.stringify(value)), APPOINTMENT_AGGREGATE_TYPE, AppointmentCreated.type, AppointmentCreated.schemaVersion, metadata],
      );
    });
  }
}

/** Moves every subscription except `rebuilt` to the end of the log: imported history sends no emails. */
export async function fastForwardOthers(context: INestApplicationContext, rebuilt: readonly string[]): Promise<void> {
  await context.get(DataSource).query(
    `update subscription_checkpoints set (transaction_id, position) =
       (select transaction_id, position from events order by transaction_id desc, position desc limit 1)
     where name <> all($1::text[])`,
    [rebuilt],
  );
}

export interface RebuildResult {
  projection: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Peak resident memory of the rebuild process. */
  peakRssMb: number;
}

/** The node options of `npm run projections:rebuild` (its heap limit), read from package.json so the bench runs it exactly so. */
function rebuildNodeOptions(): string[] {
  const scripts = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return scripts['projections:rebuild'].split(' ').filter((word) => word.startsWith('--max-old-space-size='));
}

/** B5: `npm run projections:rebuild -- <name>` as an operator runs it, in its own process. */
export async function runRebuild(databaseUrl: string, projection: string): Promise<RebuildResult> {
  const child = spawn(process.execPath, [...rebuildNodeOptions(), REBUILD_CLI, projection], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' } });
  const { pid } = child;
  if (pid === undefined) throw new Error(`Could not start ${REBUILD_CLI}`);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let peakRssMb = 0;
  const sampler = setInterval(() => {
    residentMegabytes(pid, 'VmHWM').then((mb) => (peakRssMb = Math.max(peakRssMb, mb)), () => undefined);
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const match = /rebuilt from (\d+) events in (\d+) ms/.exec(output);
  if (code !== 0 || !match) throw new Error(`Rebuild of ${projection} failed (exit ${code}):\n${output}`);
  const events = Number(match[1]);
  const seconds = Number(match[2]) / 1000;
  return { projection, events, seconds: round(seconds, 2), eventsPerSecond: round(events / seconds, 0), peakRssMb };
}
