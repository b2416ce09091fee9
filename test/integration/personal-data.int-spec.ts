import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppointmentCancelled, AppointmentCreated } from '../../src/appointments/domain/appointment.events';
import { dataSourceOptions, MIGRATIONS } from '../../src/database/data-source-options';
import { EventStore } from '../../src/event-store/event-store';
import { isSealed, REDACTED } from '../../src/event-store/personal-data/personal-data-cipher';
import { PersonalDataVault } from '../../src/event-store/personal-data/personal-data-vault';
import { eventually } from '../support/eventually';
import { createdData } from '../support/raw-events';
import { createTestDatabase } from '../support/test-database';
import { startTestApp } from '../support/test-app';

const META = JSON.stringify({ correlationId: 't', causationId: 't', actor: { userId: 't', role: 'staff' }, requestId: null });

describe('Personal data at rest', () => {
  it('seals the free text of events written before encryption existed, and still reads it', async () => {
    const database = await createTestDatabase();
    const before = new DataSource({ ...dataSourceOptions(database.url), migrations: MIGRATIONS.slice(0, 3) });
    await before.initialize();
    const created = createdData('Legacy-Title-Marker');
    const { title: _title, bufferBeforeMinutes: _before, bufferAfterMinutes: _after, ...facts } = created;
    const appointmentId = created.appointmentId;
    await before.query(
      `insert into events (event_id, aggregate_id, aggregate_type, version, event_type, schema_version, data, metadata) values
         ($1, $2, 'Appointment', 1, $3, 2, $4, $7), ($5, $2, 'Appointment', 2, $6, 1, $8, $7)`,
      [
        randomUUID(),
        appointmentId,
        AppointmentCreated.type,
        JSON.stringify(created),
        randomUUID(),
        AppointmentCancelled.type,
        META,
        JSON.stringify({ ...facts, reason: 'Legacy-Reason-Marker', previousStatus: 'booked' }),
      ],
    );
    await before.query(`insert into snapshots (aggregate_id, version, schema_version, state) values ($1, 1, 1, $2)`, [appointmentId, JSON.stringify(created)]);
    await before.destroy();

    const t = await startTestApp({ database, seed: false });
    try {
      const rows: Array<{ data: Record<string, string> }> = await t.dataSource.query(`select data from events order by version`);
      expect(isSealed(rows[0].data.title)).toBe(true);
      expect(isSealed(rows[1].data.reason)).toBe(true);
      expect(JSON.stringify(rows)).not.toMatch(/Marker/);
      expect(await t.dataSource.query(`select * from snapshots`)).toEqual([]);

      const stream = await t.app.get(EventStore).readStream(appointmentId);
      expect(stream.map((event) => event.data)).toMatchObject([{ title: 'Legacy-Title-Marker' }, { reason: 'Legacy-Reason-Marker' }]);
    } finally {
      await t.close();
      await database.drop();
    }
  });

  it('makes an erasure wait for a transaction sealing with the key, and seals nothing with a new key afterwards', async () => {
    const t = await startTestApp({ seed: false });
    const vault = t.app.get(PersonalDataVault);
    const subjectId = randomUUID();
    const record = { value: { note: 'Private-Marker' }, location: { subjectId, fields: ['note'] } };
    const writer = t.dataSource.createQueryRunner();
    try {
      await writer.connect();
      await writer.startTransaction();
      const [sealed] = await vault.seal(writer.manager, [record]);
      expect(isSealed(sealed.note)).toBe(true);

      let erased = false;
      const erasure = t.dataSource.transaction((db) => vault.erase(db, subjectId)).then(() => (erased = true));
      await eventually(async () => {
        const [{ waiting }] = await t.dataSource.query(
          `select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        expect(waiting).toBe(1);
      });
      expect(erased).toBe(false);
      await writer.commitTransaction();
      await erasure;

      const [opened] = await vault.open(t.dataSource.manager, [{ value: sealed, location: record.location }]);
      expect(opened).toEqual({ note: REDACTED });
      const [again] = await t.dataSource.transaction((db) => vault.seal(db, [record]));
      expect(again).toEqual({ note: REDACTED });
    } finally {
      await writer.release();
      await t.close();
    }
  });
});
