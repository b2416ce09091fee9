import { randomUUID } from 'node:crypto';
import { AppointmentCreated } from '../../src/appointments/domain/appointment.events';
import { EventStore } from '../../src/event-store/event-store';
import { SubscriptionRunner } from '../../src/event-store/subscriptions/subscription-runner';
import { demo } from '../support/demo';
import { createdData } from '../support/raw-events';
import { deadLetterCount, everySubscriptionPasses } from '../support/subscriptions';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The edge refuses control characters, but events written before it did (or by another writer)
 * may hold U+0000 inside their sealed free text, which PostgreSQL cannot store as text or jsonb.
 * Every subscription must still pass such an event, and readers see U+FFFD in its place.
 */
describe('A stored event whose sealed free text holds U+0000', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('is applied by every subscription, nothing parked, and reads with U+FFFD', async () => {
    const data = {
      ...createdData('Cough\u0000 after\u0000'),
      doctorId: demo.weber.id,
      patientId: demo.mia.id,
      roomId: demo.room1.id,
      appointmentTypeId: demo.consultation.id,
    };
    const appended = await t.dataSource.transaction((db) =>
      t.app.get(EventStore).append(
        db,
        { aggregateId: data.appointmentId, aggregateType: 'Appointment' },
        0,
        [{ eventId: randomUUID(), type: AppointmentCreated.type, schemaVersion: AppointmentCreated.schemaVersion, data }],
        { correlationId: 'legacy', causationId: 'legacy', actor: { userId: 'legacy-writer', role: 'staff' }, requestId: null },
      ),
    );
    expect(appended.events[0].data).toMatchObject({ title: 'Cough\uFFFD after\uFFFD' });

    const subscriptions = t.app.get(SubscriptionRunner).discovered().map((handler) => handler.options.name);
    await everySubscriptionPasses(t.dataSource, appended.lastPosition, subscriptions);
    expect(await deadLetterCount(t.dataSource)).toBe(0);

    const staff = t.tokenFor({ role: 'staff' });
    const read = await t.http.get(`/appointments/${data.appointmentId}`, staff, { 'x-min-position': String(appended.lastPosition) });
    expect(read.status).toBe(200);
    expect(read.body.title).toBe('Cough\uFFFD after\uFFFD');
    expect((await t.http.get(`/appointments/${data.appointmentId}?version=1`, staff)).body.title).toBe('Cough\uFFFD after\uFFFD');
    expect((await t.http.get('/health/ready')).status).toBe(200);
  });
});
