import { randomUUID } from 'node:crypto';
import {
  ClinicClosureCancelled,
  ClinicClosureScheduled,
  RoomBlockCancelled,
  RoomBlockScheduled,
  TimeOffCancelled,
  TimeOffScheduled,
  WorkingHoursChanged,
} from '../../../src/schedules/domain/schedule.events';
import { SUBSCRIPTIONS } from '../../../src/subscription-registry';
import { demo } from '../../support/demo';
import { GIVES_UP_QUICKLY, inOneTransaction, projectionSpec, Query } from '../../support/projection-spec';

/** A schedule_blocks row as read back, times as instants. */
interface BlockRow {
  id: string;
  kind: string;
  doctor_id: string | null;
  room_id: string | null;
  start: Date;
  end: Date;
  reason: string;
  cancelled: boolean;
  version: number;
}

const blockRows = (query: Query, ids: readonly string[]) =>
  query(`select id, kind, doctor_id, room_id, start, "end", reason, cancelled, version from schedule_blocks where id = any($1::uuid[]) order by start, id`, [
    ids,
  ]).then((rows) => rows as unknown as BlockRow[]);

const facts = (start: string, end: string, reason: string) => ({ start, end, reason, cancelledAppointmentIds: [] });

/** A time off of a doctor of its own (its stream is that doctor's schedule), with its events. */
function aTimeOff(start = '2027-04-05T07:00:00.000Z', end = '2027-04-05T16:00:00.000Z', reason = 'Conference') {
  const doctorId = randomUUID();
  const timeOffId = randomUUID();
  return {
    timeOffId,
    doctorId,
    scheduled: () => new TimeOffScheduled({ doctorId, timeOffId, ...facts(start, end, reason) }),
    cancelled: () => new TimeOffCancelled({ doctorId, timeOffId, start, end }),
    row: (version: number, cancelled = false): BlockRow => ({
      id: timeOffId,
      kind: 'time-off',
      doctor_id: doctorId,
      room_id: null,
      start: new Date(start),
      end: new Date(end),
      reason,
      cancelled,
      version,
    }),
  };
}

function aClosure(start = '2027-05-01T00:00:00.000+02:00', end = '2027-05-02T00:00:00.000+02:00', reason = 'Labour Day') {
  const closureId = randomUUID();
  return {
    closureId,
    scheduled: () => new ClinicClosureScheduled({ closureId, ...facts(start, end, reason) }),
    cancelled: () => new ClinicClosureCancelled({ closureId, start, end }),
    row: (version: number, cancelled = false): BlockRow => ({
      id: closureId,
      kind: 'closure',
      doctor_id: null,
      room_id: null,
      start: new Date(start),
      end: new Date(end),
      reason,
      cancelled,
      version,
    }),
  };
}

function aRoomBlock(start = '2027-04-06T08:00:00.000Z', end = '2027-04-06T12:00:00.000Z', reason = 'New X-ray machine') {
  const blockId = randomUUID();
  const roomId = demo.treatmentRoom.id;
  return {
    blockId,
    scheduled: () => new RoomBlockScheduled({ blockId, roomId, ...facts(start, end, reason) }),
    cancelled: () => new RoomBlockCancelled({ blockId, roomId, start, end }),
    row: (version: number, cancelled = false): BlockRow => ({
      id: blockId,
      kind: 'room-block',
      doctor_id: null,
      room_id: roomId,
      start: new Date(start),
      end: new Date(end),
      reason,
      cancelled,
      version,
    }),
  };
}

describe('schedule_blocks projection (schedule-blocks)', () => {
  const blocks = projectionSpec<BlockRow>({ subscription: SUBSCRIPTIONS.scheduleBlocks, rows: blockRows });
  beforeAll(() => blocks.start());
  afterAll(() => blocks.stop());

  it('given no events, when a time off is scheduled, then it is a row of its doctor', () => {
    const t = aTimeOff();
    return blocks.given().when(t.scheduled()).then([t.row(1)]);
  });

  it('given a time off, when it is cancelled, then its row stays, cancelled, at the version of the cancellation', () => {
    const t = aTimeOff();
    return blocks.given(t.scheduled()).when(t.cancelled()).then([t.row(2, true)]);
  });

  it("given a doctor's working hours and time off, when another time off follows, then each row has the version of its doctor's stream at its event", () => {
    const t = aTimeOff();
    const hours = new WorkingHoursChanged({ doctorId: t.doctorId, effectiveFrom: '2027-04-01', timezone: 'Europe/Berlin', workingHours: { mon: [['09:00', '17:00']] }, outsideHours: [] });
    const laterId = randomUUID();
    const later = new TimeOffScheduled({ doctorId: t.doctorId, timeOffId: laterId, ...facts('2027-04-12T07:00:00.000Z', '2027-04-12T16:00:00.000Z', 'Course') });
    return blocks.given(hours, t.scheduled()).when(later).then((rows) => {
      expect(rows.map((row) => [row.id, row.version])).toEqual([
        [t.timeOffId, 2],
        [laterId, 3],
      ]);
      expect(rows[0]).toEqual(t.row(2));
    });
  });

  it('given no events, when a clinic closure is scheduled, then it is a row of no doctor and no room, its times as instants', () => {
    const c = aClosure();
    return blocks.given().when(c.scheduled()).then((rows) => {
      expect(rows).toEqual([c.row(1)]);
      expect(rows[0].start.toISOString()).toBe('2027-04-30T22:00:00.000Z');
    });
  });

  it('given a closure, when it is cancelled, then its row is cancelled', () => {
    const c = aClosure();
    return blocks.given(c.scheduled()).when(c.cancelled()).then([c.row(2, true)]);
  });

  it('given no events, when a room block is scheduled and cancelled, then its row is the room’s, cancelled', () => {
    const b = aRoomBlock();
    return blocks.given(b.scheduled()).when(b.cancelled()).then([b.row(2, true)]);
  });

  it('given nothing, when blocks of every kind are scheduled and some cancelled in one transaction, then one batch leaves each row at its last change', () => {
    const [t, c, b] = [aTimeOff(), aClosure('2027-12-25T00:00:00.000+01:00', '2027-12-27T00:00:00.000+01:00', 'Christmas'), aRoomBlock()];
    const together = inOneTransaction(t.scheduled(), c.scheduled(), b.scheduled(), t.cancelled(), b.cancelled());
    return blocks.given().when(together).then([t.row(2, true), b.row(2, true), c.row(1)]);
  });

  it('given blocks of every kind, when every event is delivered again, then no row changes', () => {
    const [t, c, b] = [aTimeOff(), aClosure('2027-10-03T00:00:00.000+02:00', '2027-10-04T00:00:00.000+02:00', 'German Unity Day'), aRoomBlock()];
    return blocks.given(t.scheduled(), c.scheduled(), c.cancelled(), b.scheduled()).whenDeliveredAgain().thenUnchanged();
  });

  it('given blocks of every kind, when the projection is rebuilt from the log, then the rows are the same', () => {
    const [t, c, b] = [aTimeOff(), aClosure('2027-11-01T00:00:00.000+01:00', '2027-11-02T00:00:00.000+01:00', 'All Saints'), aRoomBlock()];
    return blocks.given(t.scheduled(), t.cancelled(), c.scheduled(), b.scheduled()).whenRebuilt().thenUnchanged();
  });
});

describe('schedule_blocks projection (schedule-blocks), given an event it cannot place', () => {
  const blocks = projectionSpec<BlockRow>({ subscription: SUBSCRIPTIONS.scheduleBlocks, rows: blockRows, env: GIVES_UP_QUICKLY });
  beforeAll(() => blocks.start());
  afterAll(() => blocks.stop());

  it('given a time off, when a stream cancels a closure never scheduled, then the projection stops at it and keeps its rows', () => {
    const t = aTimeOff();
    return blocks.given(t.scheduled()).when(aClosure().cancelled()).thenStopped(/ClinicClosureCancelled/);
  });
});
