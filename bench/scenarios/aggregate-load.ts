import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APPOINTMENT_AGGREGATE_TYPE, AppointmentCreated, AppointmentRescheduled } from '../../src/appointments/domain/appointment.events';
import { APPOINTMENT_STATE_SCHEMA_VERSION } from '../../src/appointments/domain/appointment.state';
import { AppointmentRepository } from '../../src/appointments/persistence/appointment.repository';
import { APP_CONFIG } from '../../src/config/config.module';
import { AppConfig } from '../../src/config/app-config';
import { EventStore } from '../../src/event-store/event-store';
import { SnapshotStore } from '../../src/event-store/snapshot-store';
import { BenchClinic } from '../bench-clinic';
import { round } from '../stats';

export interface AggregateLoadResult {
  events: number;
  withoutSnapshotMs: number;
  withSnapshotMs: number;
  /** The version of the snapshot the second figure loads from (0: none, the stream is short). */
  snapshotVersion: number;
}

const BENCH_METADATA = { correlationId: 'bench', causationId: 'bench', actor: { userId: 'bench', role: 'staff' as const }, requestId: null };

/** Median time of `repetitions` calls, after a few warm-up calls. */
async function medianMs(repetitions: number, work: () => Promise<unknown>): Promise<number> {
  for (let n = 0; n < 3; n++) await work();
  const times: number[] = [];
  for (let n = 0; n < repetitions; n++) {
    const begun = performance.now();
    await work();
    times.push(performance.now() - begun);
  }
  times.sort((a, b) => a - b);
  return round(times[Math.floor(times.length / 2)], 3);
}

/**
 * B4: an appointment whose stream holds N events (one creation, then reschedulings), loaded
 * through AppointmentRepository.load: first with no snapshot (every event read and replayed),
 * then with the snapshot the application would have taken (every SNAPSHOT_EVERY events).
 */
export async function runAggregateLoads(
  context: INestApplicationContext,
  clinic: BenchClinic,
  sizes: readonly number[],
  repetitions: number,
): Promise<AggregateLoadResult[]> {
  const dataSource = context.get(DataSource);
  const store = context.get(EventStore);
  const repository = context.get(AppointmentRepository);
  const snapshots = context.get(SnapshotStore);
  const { snapshotEvery } = context.get<AppConfig>(APP_CONFIG);
  const results: AggregateLoadResult[] = [];

  for (const size of sizes) {
    const appointmentId = randomUUID();
    const stream = { aggregateId: appointmentId, aggregateType: APPOINTMENT_AGGREGATE_TYPE };
    const facts = {
      appointmentId,
      doctorId: clinic.doctorIds[0],
      patientId: clinic.patientIds[0],
      roomId: clinic.roomIds[0],
      appointmentTypeId: clinic.appointmentTypeId,
    };
    const at = (minutes: number) => new Date(Date.UTC(2031, 0, 1) + minutes * 60_000).toISOString();
    const events = Array.from({ length: size }, (_, n) => {
      const event =
        n === 0
          ? new AppointmentCreated({ ...facts, start: at(0), end: at(15), title: 'Long history', bufferBeforeMinutes: 0, bufferAfterMinutes: 0 })
          : new AppointmentRescheduled({ ...facts, start: at(n * 15), end: at(n * 15 + 15), previousStart: at((n - 1) * 15), previousEnd: at(n * 15) });
      return { eventId: randomUUID(), type: event.type, schemaVersion: n === 0 ? AppointmentCreated.schemaVersion : AppointmentRescheduled.schemaVersion, data: event.data };
    });
    for (let from = 0; from < size; from += 1000) {
      await dataSource.transaction((db) => store.append(db, stream, from, events.slice(from, from + 1000), BENCH_METADATA));
    }

    const withoutSnapshotMs = await medianMs(repetitions, () => repository.load(appointmentId));
    const snapshotVersion = size - (size % snapshotEvery);
    if (snapshotVersion > 0) {
      const state = await repository.loadAsOf(appointmentId, { version: snapshotVersion });
      if (!state) throw new Error(`Appointment ${appointmentId} has no state at version ${snapshotVersion}`);
      await dataSource.transaction((db) => snapshots.save(db, stream, snapshotVersion, APPOINTMENT_STATE_SCHEMA_VERSION, state));
    }
    const withSnapshotMs = await medianMs(repetitions, () => repository.load(appointmentId));
    const loaded = await repository.load(appointmentId);
    if (loaded?.version !== size) throw new Error(`Loaded version ${loaded?.version} of a ${size}-event stream`);
    results.push({ events: size, withoutSnapshotMs, withSnapshotMs, snapshotVersion });
  }
  return results;
}
