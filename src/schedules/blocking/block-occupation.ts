import { BlockKind, Occupation } from '../../reservations/reservations';

/**
 * The time a block holds in the reservations table, under the block's id: its own time, without
 * buffers or a patient; a time off holds its doctor, a room block its room, a closure (naming
 * neither) the whole clinic.
 */
export function blockOccupation(kind: BlockKind, id: string, owner: { doctorId?: string; roomId?: string }, time: { start: string; end: string }): Occupation {
  return {
    id,
    kind,
    doctorId: owner.doctorId ?? null,
    roomId: owner.roomId ?? null,
    patientId: null,
    start: time.start,
    end: time.end,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
  };
}
