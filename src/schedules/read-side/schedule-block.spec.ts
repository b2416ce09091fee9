import { ClinicClosureCancelled, ClinicClosureScheduled, RoomBlockScheduled, TimeOffCancelled, TimeOffScheduled } from '../domain/schedule.events';
import { blockAfter, UnknownBlockCancelled } from './schedule-block';

const doctorId = '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01';
const roomId = '7d2e3f40-1a2b-4c3d-8e9f-0a1b2c3d4e02';
const timeOffId = 'b1a7c9e0-0000-4000-8000-000000000001';
const facts = { start: '2027-04-05T09:00:00+02:00', end: '2027-04-05T18:00:00+02:00', reason: 'Conference', cancelledAppointmentIds: [] };

describe('a block as the read side shows it', () => {
  it('given nothing, when a time off is scheduled, then it is its doctor’s block, its times as UTC instants', () => {
    expect(blockAfter(new TimeOffScheduled({ doctorId, timeOffId, ...facts }), null)).toEqual({
      id: timeOffId,
      kind: 'time-off',
      doctorId,
      roomId: null,
      start: '2027-04-05T07:00:00.000Z',
      end: '2027-04-05T16:00:00.000Z',
      reason: 'Conference',
      cancelled: false,
    });
  });

  it('given nothing, when a closure or a room block is scheduled, then it holds the clinic, or its room', () => {
    expect(blockAfter(new ClinicClosureScheduled({ closureId: timeOffId, ...facts }), null)).toMatchObject({ kind: 'closure', doctorId: null, roomId: null });
    expect(blockAfter(new RoomBlockScheduled({ blockId: timeOffId, roomId, ...facts }), null)).toMatchObject({ kind: 'room-block', doctorId: null, roomId });
  });

  it('given a scheduled time off, when it is cancelled, then it is the same block, cancelled, its reason kept', () => {
    const scheduled = blockAfter(new TimeOffScheduled({ doctorId, timeOffId, ...facts }), null);
    expect(blockAfter(new TimeOffCancelled({ doctorId, timeOffId, start: facts.start, end: facts.end }), scheduled)).toEqual({ ...scheduled, cancelled: true });
  });

  it('given no block, when a cancellation names one, then it is refused (the read side never guesses a block)', () => {
    expect(() => blockAfter(new ClinicClosureCancelled({ closureId: timeOffId, start: facts.start, end: facts.end }), null)).toThrow(UnknownBlockCancelled);
  });
});
