import { EndNotAfterStart } from '../../appointments/domain/appointment.errors';
import { TimeBlocked } from '../../reservations/time-blocked';
import { AppointmentsInTheWay, BlockReasonRequired } from '../domain/block.errors';
import { Occupant } from '../domain/block-rules';
import { RoomBlockScheduled } from '../domain/schedule.events';
import { decideRoomBlock, RoomBlockRequest } from './schedule-room-block';

const roomId = 'r0000000-0000-4000-8000-000000000001';
const blockId = 'e0000000-0000-4000-8000-000000000001';
const now = new Date('2027-03-01T08:00:00Z');
const morning: RoomBlockRequest = { roomId, blockId, start: '2027-03-22T08:00:00+01:00', end: '2027-03-22T12:00:00+01:00', reason: 'Ventilation maintenance', cancelAppointments: false };
const appointment: Occupant = { kind: 'appointment', id: 'a0000000-0000-4000-8000-000000000001', start: '2027-03-22T08:00:00.000Z', end: '2027-03-22T08:20:00.000Z' };
const scheduled = (cancelledAppointmentIds: string[] = []) =>
  new RoomBlockScheduled({ blockId, roomId, start: '2027-03-22T07:00:00.000Z', end: '2027-03-22T11:00:00.000Z', reason: 'Ventilation maintenance', cancelledAppointmentIds });

/** given nothing (a room block is a stream of its own) when the block is decided with what is in its way. */
function when(request: RoomBlockRequest, inTheWay: Occupant[] = []) {
  const decide = () => [decideRoomBlock(request, null, inTheWay, now)];
  return {
    then: (expected: RoomBlockScheduled[]) => expect(decide()).toEqual(expected),
    thenFails: (error: new (...args: never[]) => Error) => expect(decide).toThrow(error),
  };
}

describe('ScheduleRoomBlock', () => {
  it('takes the room out of service in UTC, with its reason', () => {
    when(morning).then([scheduled()]);
  });

  it('refuses an end before the start and an empty reason', () => {
    when({ ...morning, end: '2027-03-22T07:00:00+01:00' }).thenFails(EndNotAfterStart);
    when({ ...morning, reason: '' }).thenFails(BlockReasonRequired);
  });

  it('refuses the room’s appointments in the way unless asked to cancel them', () => {
    when(morning, [appointment]).thenFails(AppointmentsInTheWay);
    when({ ...morning, cancelAppointments: true }, [appointment]).then([scheduled([appointment.id])]);
  });

  it('refuses another block of the room in the way, naming it', () => {
    const other: Occupant = { kind: 'room-block', id: 'e0000000-0000-4000-8000-000000000002', start: '2027-03-22T10:00:00.000Z', end: '2027-03-22T12:00:00.000Z', owner: 'Room Consultation room 1', localTime: '2027-03-22 11:00 to 13:00 (Europe/Berlin)' };
    when(morning, [other]).thenFails(TimeBlocked);
    expect(() => decideRoomBlock(morning, null, [other], now)).toThrow('a room block of Room Consultation room 1: 2027-03-22 11:00 to 13:00 (Europe/Berlin)');
  });
});
