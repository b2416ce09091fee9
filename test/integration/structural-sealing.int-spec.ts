import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppointmentCancelled, AppointmentCreated } from '../../src/appointments/domain/appointment.events';
import { dataSourceOptions, MIGRATIONS } from '../../src/database/data-source-options';
import { EventStore } from '../../src/event-store/event-store';
import { isSealed, newDataKey, REDACTED, seal } from '../../src/event-store/personal-data/personal-data-cipher';
import { createdData } from '../support/raw-events';
import { createTestDatabase } from '../support/test-database';
import { startTestApp } from '../support/test-app';

const META = JSON.stringify({ correlationId: 't', causationId: 't', actor: { userId: 't', role: 'staff' }, requestId: null });
const BEFORE_STRUCTURAL_SEALING = MIGRATIONS.findIndex((migration) => migration.name === 'StructuralSealing1764400000000');

/** How values were sealed before: a string tagged by its `pd1:` prefix. */
const legacySealed = (key: Buffer, subjectId: string, text: string) => `pd1:${seal(key, subjectId, text).sealed}`;

describe('Sealed values told apart by shape (migration)', () => {
  it('given prefix-tagged values, keeps real sealed ones readable, seals look-alike plaintext, and leaves erased ones redacted', async () => {
    const database = await createTestDatabase();
    const before = new DataSource({ ...dataSourceOptions(database.url), migrations: MIGRATIONS.slice(0, BEFORE_STRUCTURAL_SEALING) });
    await before.initialize();

    const kept = createdData('placeholder');
    const keptKey = newDataKey();
    const erased = createdData('placeholder');
    const erasedKey = newDataKey();
    const insert = (aggregateId: string, version: number, type: string, data: unknown) =>
      before.query(
        `insert into events (event_id, aggregate_id, aggregate_type, version, event_type, schema_version, data, metadata)
         values ($1, $2, 'Appointment', $3, $4, $5, $6, $7)`,
        [randomUUID(), aggregateId, version, type, type === AppointmentCreated.type ? 2 : 1, JSON.stringify(data), META],
      );
    const { title: _title, bufferBeforeMinutes: _b, bufferAfterMinutes: _a, ...facts } = kept;
    // A real sealed title, and a reason a client typed that only looks sealed (stored in the clear).
    await insert(kept.appointmentId, 1, AppointmentCreated.type, { ...kept, title: legacySealed(keptKey, kept.patientId, 'Real-Title-Marker') });
    await insert(kept.appointmentId, 2, AppointmentCancelled.type, { ...facts, reason: 'pd1:Lookalike-Marker', previousStatus: 'booked' });
    await insert(erased.appointmentId, 1, AppointmentCreated.type, { ...erased, title: legacySealed(erasedKey, erased.patientId, 'Erased-Marker') });
    await before.query(`insert into personal_data_keys (subject_id, key) values ($1, $2)`, [kept.patientId, keptKey]);
    await before.query(`insert into personal_data_keys (subject_id, key, erased_at) values ($1, null, now())`, [erased.patientId]);
    await before.query(`insert into snapshots (aggregate_id, version, schema_version, state) values ($1, 1, 1, $2)`, [kept.appointmentId, JSON.stringify(kept)]);
    await before.destroy();

    const t = await startTestApp({ database, seed: false });
    try {
      const rows: Array<{ data: Record<string, unknown> }> = await t.dataSource.query(`select data from events order by position`);
      expect(isSealed(rows[0].data.title)).toBe(true);
      expect(isSealed(rows[1].data.reason)).toBe(true);
      expect(isSealed(rows[2].data.title)).toBe(true);
      expect(JSON.stringify(rows)).not.toMatch(/pd1:|Marker/);
      expect(await t.dataSource.query(`select * from snapshots`)).toEqual([]);

      const store = t.app.get(EventStore);
      expect((await store.readStream(kept.appointmentId)).map((event) => event.data)).toMatchObject([
        { title: 'Real-Title-Marker' },
        { reason: 'pd1:Lookalike-Marker' },
      ]);
      expect((await store.readStream(erased.appointmentId)).map((event) => event.data)).toMatchObject([{ title: REDACTED }]);
    } finally {
      await t.close();
      await database.drop();
    }
  });
});
