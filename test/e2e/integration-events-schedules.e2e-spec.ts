import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { CommandHandling, StreamType } from '../../src/event-store/command-handling';
import { EventMetadata } from '../../src/event-store/stored-event';
import { assertPublishable } from '../../src/integration-events/integration-event-schemas';
import { ClinicClosureScheduled, RoomBlockScheduled, TimeOffCancelled, TimeOffScheduled, WorkingHoursChanged } from '../../src/schedules/domain/schedule.events';
import { ClinicClosureStream, DoctorScheduleStream, RoomBlockStream } from '../../src/schedules/persistence/schedule-streams';
import { demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { startTestApp, TestApp } from '../support/test-app';

const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * Schedule changes in the public feed and on JetStream. The schedule commands' endpoints belong
 * to other parts of the schedules feature; here the events go in through the application's
 * generic command handling, as those commands append them, so this test depends only on the
 * events and the published language.
 */
describe('Public integration events of schedules', () => {
  let t: TestApp;
  let service: string;
  let nats: NatsConnection;
  let streams: JetStreamManager;
  const stream = `TEST_SCHEDULES_${randomUUID().slice(0, 8)}`;
  const timeOffId = randomUUID();
  const closureId = randomUUID();
  const blockId = randomUUID();
  const reason = 'Conference in Lisbon\nback on Monday';

  /** Appends `event` to a schedule stream in one transaction, as a schedule command does. */
  async function append<State, Event>(type: StreamType<State, Event>, streamId: string, event: Event, newStream = false): Promise<void> {
    const metadata: EventMetadata = { correlationId: randomUUID(), causationId: randomUUID(), actor: { userId: 'admin-1', role: 'admin' }, requestId: null };
    await t.app.get(CommandHandling).handle(type, { streamId, newStream, metadata, decide: () => [event], then: async () => undefined });
  }

  beforeAll(async () => {
    nats = await connect({ servers: NATS_URL });
    streams = await jetstreamManager(nats);
    // A stream left by a build that published appointment events only: the publisher adds `schedule.>`, `slot.>` and `waitlist.>`.
    await streams.streams.add({ name: stream, subjects: ['appointment.>'] });
    t = await startTestApp({ now: '2027-04-01T08:00:00Z', env: { NATS_URL, NATS_STREAM: stream, SUBSCRIPTION_POLL_MS: '100' } });
    service = t.tokenFor({ role: 'service' });

    const doctors = new DoctorScheduleStream();
    const start = '2027-04-12T05:00:00.000Z';
    const end = '2027-04-16T16:00:00.000Z';
    await append(doctors, demo.weber.id, new WorkingHoursChanged({
      doctorId: demo.weber.id,
      effectiveFrom: '2027-04-05',
      timezone: demo.weber.timezone,
      workingHours: { mon: [['08:00', '12:00']], thu: [['14:00', '19:00']] },
      outsideHours: [],
    }));
    await append(doctors, demo.weber.id, new TimeOffScheduled({ doctorId: demo.weber.id, timeOffId, start, end, reason, cancelledAppointmentIds: [] }));
    await append(doctors, demo.weber.id, new TimeOffCancelled({ doctorId: demo.weber.id, timeOffId, start, end }));
    await append(new ClinicClosureStream(), closureId, new ClinicClosureScheduled({ closureId, start: '2027-05-01T00:00:00+02:00', end: '2027-05-02T00:00:00+02:00', reason: 'Labour Day', cancelledAppointmentIds: [] }), true);
    await append(new RoomBlockStream(), blockId, new RoomBlockScheduled({ blockId, roomId: demo.room2.id, start, end, reason: 'New X-ray unit', cancelledAppointmentIds: [] }), true);
  });

  afterAll(async () => {
    await t.close();
    await streams.streams.delete(stream).catch(() => undefined);
    await nats.close();
  });

  const feed = async () => {
    const response = await t.http.get('/integration-events', service);
    expect(response.status).toBe(200);
    return response.body as { items: Array<{ position: number; event: Record<string, unknown> & { type: string; id: string } }> };
  };

  const EXPECTED_TYPES = [
    'schedule.working-hours-changed.v1',
    'schedule.time-off-scheduled.v1',
    'schedule.time-off-cancelled.v1',
    'schedule.closure-scheduled.v1',
    'schedule.room-block-scheduled.v1',
  ];

  it('serves each schedule change in commit order, as a FHIR Schedule or Slot valid against its published schema', async () => {
    const { items } = await eventually(async () => {
      const page = await feed();
      expect(page.items).toHaveLength(EXPECTED_TYPES.length);
      return page;
    });

    expect(items.map((item) => item.position)).toEqual([1, 2, 3, 4, 5]);
    expect(items.map((item) => item.event.type)).toEqual(EXPECTED_TYPES);
    for (const { event } of items) expect(() => assertPublishable(event)).not.toThrow();
    const [hours, timeOff, cancelled, closure, roomBlock] = items.map((item) => item.event);
    expect(hours).toMatchObject({
      doctorId: demo.weber.id,
      payload: { resourceType: 'Schedule', id: demo.weber.id, actor: [{ reference: `Practitioner/${demo.weber.id}` }], planningHorizon: { start: '2027-04-05T00:00:00+02:00' } },
    });
    expect(timeOff).toMatchObject({
      doctorId: demo.weber.id,
      timeOffId,
      payload: { resourceType: 'Slot', id: timeOffId, schedule: { reference: `Schedule/${demo.weber.id}` }, status: 'busy-unavailable', start: '2027-04-12T05:00:00.000Z', end: '2027-04-16T16:00:00.000Z' },
    });
    expect(JSON.stringify(timeOff)).not.toContain('Conference');
    expect(cancelled).toMatchObject({ timeOffId, payload: { id: timeOffId, status: 'free', meta: { versionId: '2' } } });
    expect(cancelled.payload).not.toHaveProperty('comment');
    expect(closure).toMatchObject({ closureId, payload: { schedule: { reference: 'Schedule/clinic' }, comment: 'Labour Day' } });
    expect(roomBlock).toMatchObject({ roomId: demo.room2.id, blockId, payload: { schedule: { reference: `Schedule/${demo.room2.id}` }, comment: 'New X-ray unit' } });
  });

  it('publishes them to JetStream on their schedule.* subjects, in order, with the event id as message id', async () => {
    const { items } = await feed();
    await eventually(async () => expect((await streams.streams.info(stream)).state.messages).toBe(items.length));

    expect((await streams.streams.info(stream)).config.subjects).toEqual(['appointment.>', 'schedule.>', 'slot.>', 'waitlist.>']);
    const consumer = await jetstream(nats).consumers.get(stream);
    for (const { event } of items) {
      const message = await consumer.next({ expires: 5000 });
      expect(message).not.toBeNull();
      expect({ subject: message?.subject, id: message?.headers?.get('Nats-Msg-Id'), body: message?.json() }).toEqual({ subject: event.type, id: event.id, body: event });
    }
  });
});
