import { RecordNotFound } from '../../shared/application-errors';
import { RoomBlockCancelled, RoomBlockEvent, RoomBlockScheduled } from '../domain/schedule.events';
import { evolveRoomBlock } from '../domain/schedule.evolve';
import { RoomBlockState } from '../domain/schedule.state';
import { decideCancelRoomBlock } from './cancel-room-block';

const roomId = 'r0000000-0000-4000-8000-000000000001';
const blockId = 'e0000000-0000-4000-8000-000000000001';
const time = { start: '2027-03-22T07:00:00.000Z', end: '2027-03-22T11:00:00.000Z' };
const scheduled = new RoomBlockScheduled({ blockId, roomId, ...time, reason: 'Ventilation maintenance', cancelledAppointmentIds: [] });
const cancelled = new RoomBlockCancelled({ blockId, roomId, ...time });

function given(history: RoomBlockEvent[]) {
  const state = history.reduce<RoomBlockState>(evolveRoomBlock, null);
  return {
    when: (room: string) => {
      const decide = () => [decideCancelRoomBlock(room, blockId, state)];
      return {
        then: (expected: RoomBlockEvent[]) => expect(decide()).toEqual(expected),
        thenFails: (error: new (...args: never[]) => Error) => expect(decide).toThrow(error),
      };
    },
  };
}

describe('CancelRoomBlock', () => {
  it('puts the room back into service in the block’s time', () => {
    given([scheduled]).when(roomId).then([cancelled]);
  });

  it('does not know a block of another room, one never scheduled, or one already cancelled', () => {
    given([scheduled]).when('r0000000-0000-4000-8000-000000000002').thenFails(RecordNotFound);
    given([]).when(roomId).thenFails(RecordNotFound);
    given([scheduled, cancelled]).when(roomId).thenFails(RecordNotFound);
  });
});
