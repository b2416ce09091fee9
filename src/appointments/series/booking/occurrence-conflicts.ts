import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BlockDescriptions, isBlock } from '../../../reservations/block-descriptions';
import { Occupation, ReservedTime } from '../../../reservations/reservations';
import { OccurrenceConflict } from '../series.errors';

/** The names of the doctor, room and patient a series books, as its conflicts show them. */
export interface SeriesNames {
  doctor: string;
  room: string;
  patient: string;
}

const BLOCK_NAMES = { 'time-off': 'Time off', closure: 'Clinic closure', 'room-block': 'Room block' } as const;

/**
 * What a row found in an occurrence's way means to the person booking: which of the doctor,
 * room or patient is not free, or which block of the schedule holds the time (with its owner
 * and local time). Another booking is named only by whose time it takes, never by its id.
 */
@Injectable()
export class OccurrenceConflicts {
  constructor(private readonly blocks: BlockDescriptions) {}

  async describe(db: EntityManager, wanted: Occupation, rival: ReservedTime, names: SeriesNames): Promise<Omit<OccurrenceConflict, 'start' | 'end'>> {
    if (isBlock(rival)) {
      const { owner, localTime } = await this.blocks.describe(rival, db);
      return { blockedBy: rival.kind, reason: `${BLOCK_NAMES[rival.kind]}${owner ? ` of ${owner}` : ''}, ${localTime}` };
    }
    const booked = rival.kind === 'hold' ? 'is held for another booking' : 'is booked';
    if (rival.doctorId === wanted.doctorId) return { blockedBy: 'doctor', reason: `Doctor ${names.doctor} ${booked}` };
    if (rival.roomId === wanted.roomId) return { blockedBy: 'room', reason: `Room ${names.room} ${booked}` };
    return { blockedBy: 'patient', reason: `Patient ${names.patient} ${rival.kind === 'hold' ? 'holds another slot' : 'has another appointment'} then` };
  }
}
