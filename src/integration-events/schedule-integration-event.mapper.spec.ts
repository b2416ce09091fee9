import {
  ClinicClosureCancelled,
  ClinicClosureScheduled,
  RoomBlockCancelled,
  RoomBlockScheduled,
  SCHEDULE_EVENT_CLASSES,
  SCHEDULE_AGGREGATE_OF,
  ScheduleEvent,
  ScheduleEventType,
  TimeOffCancelled,
  TimeOffScheduled,
  WorkingHoursChanged,
} from '../schedules/domain/schedule.events';
import { StoredEvent } from '../event-store/stored-event';
import { fhirR4Problems } from '../../test/support/fhir-r4';
import { WORKING_HOURS_EXTENSION } from './fhir-schedule';
import { assertPublishable } from './integration-event-schemas';
import { toIntegrationEvent } from './integration-event.mapper';

const doctorId = '1a2b3c4d-0000-4000-8000-000000000001';
const roomId = '1a2b3c4d-0000-4000-8000-000000000003';
const timeOffId = '2b3c4d5e-0000-4000-8000-000000000010';
const closureId = '2b3c4d5e-0000-4000-8000-000000000020';
const blockId = '2b3c4d5e-0000-4000-8000-000000000030';
const cancelledAppointmentId = '7d0f8a52-3c1e-4f57-9a43-1b7e2c9d6a01';
const span = { start: '2027-04-12T07:00:00.000Z', end: '2027-04-16T16:00:00.000Z' };

function stored(event: ScheduleEvent, overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    position: 42,
    transactionId: '1000',
    eventId: 'c0ffee00-0000-4000-8000-000000000042',
    aggregateId: doctorId,
    aggregateType: SCHEDULE_AGGREGATE_OF[event.type],
    version: 4,
    type: event.type,
    schemaVersion: SCHEDULE_EVENT_CLASSES[event.type].schemaVersion,
    data: event.data,
    metadata: { correlationId: 'c', causationId: 'c', actor: { userId: 'u', role: 'admin' }, requestId: null },
    occurredAt: new Date('2027-04-01T10:00:00.000Z'),
    ...overrides,
  };
}

const publish = (event: ScheduleEvent, overrides: Partial<StoredEvent> = {}) => toIntegrationEvent(event, stored(event, overrides));

const workingHoursChanged = (effectiveFrom: string, timezone = 'Europe/Berlin') =>
  new WorkingHoursChanged({
    doctorId,
    effectiveFrom,
    timezone,
    workingHours: { mon: [['09:00', '12:00'], ['13:00', '17:00']], fri: [['20:00', '24:00']] },
    outsideHours: [cancelledAppointmentId],
  });

describe('Schedule integration event mapping', () => {
  describe('given new working hours', () => {
    it('when published, then they are the doctor\'s FHIR Schedule from the first local day, the weekly hours in the extension', () => {
      const published = publish(workingHoursChanged('2027-04-05'));

      expect(published).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        type: 'schedule.working-hours-changed.v1',
        time: '2027-04-01T10:00:00.000Z',
        doctorId,
        payload: {
          resourceType: 'Schedule',
          id: doctorId,
          meta: { versionId: '4', lastUpdated: '2027-04-01T10:00:00.000Z' },
          active: true,
          actor: [{ reference: `Practitioner/${doctorId}`, type: 'Practitioner' }],
          planningHorizon: { start: '2027-04-05T00:00:00+02:00' },
          extension: [
            {
              url: WORKING_HOURS_EXTENSION,
              extension: [
                { url: 'timezone', valueCode: 'Europe/Berlin' },
                { url: 'availableTime', extension: [{ url: 'daysOfWeek', valueCode: 'mon' }, { url: 'availableStartTime', valueString: '09:00' }, { url: 'availableEndTime', valueString: '12:00' }] },
                { url: 'availableTime', extension: [{ url: 'daysOfWeek', valueCode: 'mon' }, { url: 'availableStartTime', valueString: '13:00' }, { url: 'availableEndTime', valueString: '17:00' }] },
                { url: 'availableTime', extension: [{ url: 'daysOfWeek', valueCode: 'fri' }, { url: 'availableStartTime', valueString: '20:00' }, { url: 'availableEndTime', valueString: '24:00' }] },
              ],
            },
          ],
        },
      });
      expect(() => assertPublishable(published)).not.toThrow();
    });

    it('when they take effect on the day clocks change, then the horizon starts at that local midnight with its own offset', () => {
      expect(publish(workingHoursChanged('2027-03-28')).payload).toMatchObject({ planningHorizon: { start: '2027-03-28T00:00:00+01:00' } });
      expect(publish(workingHoursChanged('2027-03-29')).payload).toMatchObject({ planningHorizon: { start: '2027-03-29T00:00:00+02:00' } });
      // Santiago skipped from 00:00 to 01:00 on 2022-09-11: that day began at 01:00.
      expect(publish(workingHoursChanged('2022-09-11', 'America/Santiago')).payload).toMatchObject({ planningHorizon: { start: '2022-09-11T01:00:00-03:00' } });
    });

    it('when the doctor works no day at all, then the extension carries the zone alone, still valid', () => {
      const published = publish(new WorkingHoursChanged({ doctorId, effectiveFrom: '2027-04-05', timezone: 'Europe/Berlin', workingHours: {}, outsideHours: [] }));

      expect(published.payload).toMatchObject({ extension: [{ url: WORKING_HOURS_EXTENSION, extension: [{ url: 'timezone', valueCode: 'Europe/Berlin' }] }] });
      expect(() => assertPublishable(published)).not.toThrow();
    });
  });

  const REASON = 'Conference\nback on Monday';
  const blocks: Array<{ event: ScheduleEvent; type: string; ids: Record<string, string>; schedule: string; status: string; comment?: string }> = [
    {
      event: new TimeOffScheduled({ doctorId, timeOffId, ...span, reason: REASON, cancelledAppointmentIds: [cancelledAppointmentId] }),
      type: 'schedule.time-off-scheduled.v1',
      ids: { doctorId, timeOffId },
      schedule: `Schedule/${doctorId}`,
      status: 'busy-unavailable',
    },
    {
      event: new TimeOffCancelled({ doctorId, timeOffId, ...span }),
      type: 'schedule.time-off-cancelled.v1',
      ids: { doctorId, timeOffId },
      schedule: `Schedule/${doctorId}`,
      status: 'free',
    },
    {
      event: new ClinicClosureScheduled({ closureId, ...span, reason: REASON, cancelledAppointmentIds: [] }),
      type: 'schedule.closure-scheduled.v1',
      ids: { closureId },
      schedule: 'Schedule/clinic',
      status: 'busy-unavailable',
      comment: REASON,
    },
    {
      event: new ClinicClosureCancelled({ closureId, ...span }),
      type: 'schedule.closure-cancelled.v1',
      ids: { closureId },
      schedule: 'Schedule/clinic',
      status: 'free',
    },
    {
      event: new RoomBlockScheduled({ roomId, blockId, ...span, reason: REASON, cancelledAppointmentIds: [] }),
      type: 'schedule.room-block-scheduled.v1',
      ids: { roomId, blockId },
      schedule: `Schedule/${roomId}`,
      status: 'busy-unavailable',
      comment: REASON,
    },
    {
      event: new RoomBlockCancelled({ roomId, blockId, ...span }),
      type: 'schedule.room-block-cancelled.v1',
      ids: { roomId, blockId },
      schedule: `Schedule/${roomId}`,
      status: 'free',
    },
  ];

  it.each(blocks)('given $event.type, when published, then it is $type: a FHIR Slot on $schedule, $status, valid against its schema', ({ event, type, ids, schedule, status, comment }) => {
    const published = publish(event);

    expect(published).toEqual({
      id: expect.any(String),
      type,
      time: '2027-04-01T10:00:00.000Z',
      ...ids,
      payload: {
        resourceType: 'Slot',
        id: Object.values(ids).at(-1),
        meta: { versionId: status === 'free' ? '2' : '1', lastUpdated: '2027-04-01T10:00:00.000Z' },
        schedule: { reference: schedule, type: 'Schedule' },
        status,
        ...span,
        ...(comment === undefined ? {} : { comment }),
      },
    });
    expect(() => assertPublishable(published)).not.toThrow();
    expect(JSON.stringify(published)).not.toContain(cancelledAppointmentId);
  });

  it("given time off with a reason, when published, then neither its Slot nor anything else carries the reason: it is the doctor's own", () => {
    const published = publish(new TimeOffScheduled({ doctorId, timeOffId, ...span, reason: 'Sick leave', cancelledAppointmentIds: [] }));

    expect(published.payload).not.toHaveProperty('comment');
    expect(JSON.stringify(published)).not.toContain('Sick leave');
    expect(() => assertPublishable(published)).not.toThrow();
  });

  it('given a time off Slot with a comment, then its schema refuses it', () => {
    const published = publish(new TimeOffScheduled({ doctorId, timeOffId, ...span, reason: '', cancelledAppointmentIds: [] }));

    expect(() => assertPublishable({ ...published, payload: { ...published.payload, comment: 'Sick leave' } })).toThrow(/payload/);
  });

  it.each([
    ['closure', (reason: string) => new ClinicClosureScheduled({ closureId, ...span, reason, cancelledAppointmentIds: [] })],
    ['room block', (reason: string) => new RoomBlockScheduled({ roomId, blockId, ...span, reason, cancelledAppointmentIds: [] })],
  ])('given a %s without a reason, when published, then its Slot has no comment (FHIR has no empty strings)', (_kind, scheduled) => {
    for (const reason of ['', '  ']) {
      const published = publish(scheduled(reason));
      expect(published.payload).not.toHaveProperty('comment');
      expect(() => assertPublishable(published)).not.toThrow();
    }
  });

  it('given a reason outside the free-text policy (a control character), when published, then its schema refuses it', () => {
    const published = publish(new ClinicClosureScheduled({ closureId, ...span, reason: 'Holiday\u0007', cancelledAppointmentIds: [] }));

    expect(() => assertPublishable(published)).toThrow(/comment/);
  });

  it('given a reason with spaces and line breaks FHIR strings do not allow, when published, then its comment is a FHIR R4 string with the same words', () => {
    const reason = 'Fire drill 2:00\u202fPM\u00a0\u2013\u00a03:00\u202fPM\u2028Exit\u3000B\ufeff\r\n\tthen back';
    const published = publish(new ClinicClosureScheduled({ closureId, ...span, reason, cancelledAppointmentIds: [] }));

    expect(published.payload).toMatchObject({ comment: 'Fire drill 2:00 PM \u2013 3:00 PM\nExit B\r\n\tthen back' });
    expect(fhirR4Problems(published.payload)).toEqual([]);
    expect(() => assertPublishable(published)).not.toThrow();
    for (const spaces of ['\u00a0', '\u2028\u3000', '\ufeff']) expect(publish(new ClinicClosureScheduled({ closureId, ...span, reason: spaces, cancelledAppointmentIds: [] })).payload).not.toHaveProperty('comment');
  });

  it('given any schedule event, then each type has its public event, one id per source event', () => {
    const published = [workingHoursChanged('2027-04-05'), ...blocks.map((block) => block.event)];
    expect(published.map((event) => event.type).sort()).toEqual((Object.keys(SCHEDULE_EVENT_CLASSES) as ScheduleEventType[]).sort());

    const first = publish(blocks[0].event);
    expect(publish(blocks[0].event).id).toBe(first.id);
    expect(publish(blocks[0].event, { eventId: 'c0ffee00-0000-4000-8000-000000000043' }).id).not.toBe(first.id);
  });
});
