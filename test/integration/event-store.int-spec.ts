import { randomUUID } from 'node:crypto';
import { AppointmentRepository } from '../../src/appointments/persistence/appointment.repository';
import { decodeAppointmentEvent } from '../../src/appointments/persistence/appointment-event.codec';
import { AppointmentStream } from '../../src/appointments/persistence/appointment-stream';
import { CommandHandling } from '../../src/event-store/command-handling';
import { replay } from '../../src/appointments/domain/appointment.evolve';
import {
  APPOINTMENT_AGGREGATE_TYPE,
  AppointmentCancelled,
  AppointmentCreated,
  AppointmentEvent,
  AppointmentRescheduled,
} from '../../src/appointments/domain/appointment.events';
import { EventStore } from '../../src/event-store/event-store';
import { EventMetadata, LOG_START, NewEvent, WrongExpectedVersion } from '../../src/event-store/stored-event';
import { createdData } from '../support/raw-events';
import { startTestApp, TestApp } from '../support/test-app';

const metadata: EventMetadata = {
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  actor: { userId: 'staff-1', role: 'staff' },
  requestId: 'req-1',
};

const newEvent = (type = 'Tested'): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data: { n: Math.random() } });

function createdEvent(appointmentId: string): AppointmentCreated {
  return new AppointmentCreated({ ...createdData('Check-up', appointmentId), bufferBeforeMinutes: 5, bufferAfterMinutes: 10 });
}

function rescheduled(previous: AppointmentEvent, minutes: number): AppointmentRescheduled {
  const { appointmentId, doctorId, patientId, roomId, appointmentTypeId, start, end } = previous.data;
  const moved = (iso: string) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
  return new AppointmentRescheduled({
    appointmentId, doctorId, patientId, roomId, appointmentTypeId,
    start: moved(start), end: moved(end), previousStart: start, previousEnd: end,
  });
}

describe('Event store on PostgreSQL', () => {
  let t: TestApp;
  let store: EventStore;
  let repository: AppointmentRepository;

  beforeAll(async () => {
    t = await startTestApp({ env: { SNAPSHOT_EVERY: '5' } });
    store = t.app.get(EventStore);
    repository = t.app.get(AppointmentRepository);
  });
  afterAll(() => t.close());

  const append = (aggregateId: string, expectedVersion: number, events: NewEvent[], aggregateType = 'Test') =>
    t.dataSource.transaction((db) => store.append(db, { aggregateId, aggregateType }, expectedVersion, events, metadata));

  /** Appends domain events one command at a time, through the generic command handling. */
  async function record(appointmentId: string, events: AppointmentEvent[]): Promise<void> {
    for (const event of events) {
      await t.app.get(CommandHandling).handle(t.app.get(AppointmentStream), {
        streamId: appointmentId,
        metadata,
        decide: () => [event],
        then: async () => undefined,
      });
    }
  }

  it('appends with contiguous versions, global positions and the metadata', async () => {
    const id = randomUUID();
    const result = await append(id, 0, [newEvent(), newEvent()]);
    expect(result.version).toBe(2);
    expect(result.events.map((e) => e.version)).toEqual([1, 2]);
    expect(result.events[1].position).toBeGreaterThan(result.events[0].position);
    const [stored] = await store.readStream(id);
    expect(stored.metadata).toEqual(metadata);
    expect(stored.transactionId).toMatch(/^\d+$/);
  });

  it('refuses an append at a stale expected version', async () => {
    const id = randomUUID();
    await append(id, 0, [newEvent()]);
    await expect(append(id, 0, [newEvent()])).rejects.toBeInstanceOf(WrongExpectedVersion);
    await expect(append(id, 3, [newEvent()])).rejects.toBeInstanceOf(WrongExpectedVersion);
    expect(await store.readStream(id)).toHaveLength(1);
  });

  it('lets exactly one of two concurrent writers at the same version win', async () => {
    const id = randomUUID();
    await append(id, 0, [newEvent()]);
    const results = await Promise.allSettled([append(id, 1, [newEvent('A')]), append(id, 1, [newEvent('B')])]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(WrongExpectedVersion);
    expect((await store.readStream(id)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('treats re-appending the same event ids as a no-op', async () => {
    const id = randomUUID();
    const events = [newEvent(), newEvent()];
    const first = await append(id, 0, events);
    const again = await append(id, 0, events);
    expect(again.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
    expect(await store.readStream(id)).toHaveLength(2);
  });

  it('reads in commit order by transaction id as a number, not as text (9 before 10)', async () => {
    // Transaction ids given outright, smaller than any real one: the later id takes the earlier position.
    const later = randomUUID();
    const earlier = randomUUID();
    await t.dataSource.query(
      `insert into events (transaction_id, event_id, aggregate_id, aggregate_type, version, event_type, schema_version, data, metadata)
       values ('10'::xid8, $1, $1, 'Test', 1, 'Tested', 1, '{}', '{}'), ('9'::xid8, $2, $2, 'Test', 1, 'Tested', 1, '{}', '{}')`,
      [later, earlier],
    );

    const [first, second] = await store.readInCommitOrder(LOG_START, 2);

    expect([first.aggregateId, second.aggregateId]).toEqual([earlier, later]);
    expect(first.position).toBeGreaterThan(second.position);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the events table', async () => {
    const id = randomUUID();
    await append(id, 0, [newEvent()]);
    await expect(t.dataSource.query(`update events set data = '{}' where aggregate_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`delete from events where aggregate_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`truncate events`)).rejects.toThrow(/append-only/);
    expect(await store.readStream(id)).toHaveLength(1);
  });

  it('loads from the latest snapshot plus newer events, equal to a full replay', async () => {
    const id = randomUUID();
    const events: AppointmentEvent[] = [createdEvent(id)];
    for (let i = 0; i < 11; i++) events.push(rescheduled(events[events.length - 1], 30));
    await record(id, events);

    const snapshots: Array<{ version: number }> = await t.dataSource.query(
      `select version from snapshots where aggregate_id = $1 order by version`,
      [id],
    );
    expect(snapshots.map((s) => s.version)).toEqual([5, 10]);
    expect(await repository.load(id)).toEqual(replay(events));

    // Proof that the snapshot is read: a marked snapshot shows through the loaded state.
    await t.dataSource.query(`update snapshots set state = jsonb_set(state, '{title}', '"from snapshot"') where aggregate_id = $1 and version = 10`, [id]);
    expect(await repository.load(id)).toMatchObject({ title: 'from snapshot', version: 12 });
  });

  it('upcasts an AppointmentCreated of schema version 1 to the current shape', async () => {
    const id = randomUUID();
    const v1 = {
      appointmentId: id,
      doctorId: randomUUID(),
      patientId: randomUUID(),
      roomId: randomUUID(),
      appointmentTypeId: randomUUID(),
      startsAt: '2027-03-22T08:00:00.000Z',
      endsAt: '2027-03-22T08:20:00.000Z',
      title: 'Written before buffers existed',
    };
    await append(id, 0, [{ eventId: randomUUID(), type: 'AppointmentCreated', schemaVersion: 1, data: v1 }], APPOINTMENT_AGGREGATE_TYPE);

    const [event] = (await store.readStream(id)).map(decodeAppointmentEvent);
    expect(event).toBeInstanceOf(AppointmentCreated);
    expect(event.data).toEqual({
      appointmentId: id,
      doctorId: v1.doctorId,
      patientId: v1.patientId,
      roomId: v1.roomId,
      appointmentTypeId: v1.appointmentTypeId,
      start: v1.startsAt,
      end: v1.endsAt,
      title: v1.title,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
    });
    expect(await repository.load(id)).toMatchObject({ status: 'booked', start: v1.startsAt, end: v1.endsAt, version: 1 });
  });

  it('rebuilds the state as of a version and as of a time', async () => {
    const id = randomUUID();
    const created = createdEvent(id);
    const moved = rescheduled(created, 60);
    const cancelled = new AppointmentCancelled({ ...moved.data, reason: 'Travelling', previousStatus: 'booked' });
    delete (cancelled.data as Partial<typeof moved.data>).previousStart;
    delete (cancelled.data as Partial<typeof moved.data>).previousEnd;
    await record(id, [created, moved, cancelled]);

    expect(await repository.loadAsOf(id, { version: 1 })).toMatchObject({ status: 'booked', start: created.data.start, version: 1 });
    expect(await repository.loadAsOf(id, { version: 2 })).toMatchObject({ status: 'booked', start: moved.data.start, version: 2 });

    const stored = await store.readStream(id);
    expect(await repository.loadAsOf(id, { time: stored[1].occurredAt })).toMatchObject({ start: moved.data.start, version: 2 });
    expect(await repository.loadAsOf(id, { time: stored[2].occurredAt })).toMatchObject({ status: 'cancelled', version: 3 });
    expect(await repository.loadAsOf(id, { time: new Date(stored[0].occurredAt.getTime() - 1) })).toBeNull();
  });
});
