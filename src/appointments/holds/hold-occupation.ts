import { Occupation } from '../../reservations/reservations';
import { SlotHold } from './domain/slot-hold.state';

/** The time a hold occupies in the reservations table while it is held: its doctor, room and patient, with the type's buffers, as the appointment would. */
export function holdOccupation(hold: SlotHold): Occupation {
  return {
    id: hold.holdId,
    kind: 'hold',
    doctorId: hold.doctorId,
    roomId: hold.roomId,
    patientId: hold.patientId,
    start: hold.start,
    end: hold.end,
    bufferBeforeMinutes: hold.bufferBeforeMinutes,
    bufferAfterMinutes: hold.bufferAfterMinutes,
  };
}
