import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { freeSlots, reservedWindow, workingRangesOfDate } from '../../schedules/availability/availability';
import { AvailabilityReads } from '../../schedules/availability/availability-reads';
import { CandidateSlot, localDatesOf, WaitingEntry } from './offer-choice';
import { FreedTime } from './freed-time';

/**
 * The bookable slots of an entry's appointment type for its patient inside freed time: the
 * availability computation (working hours in force by date, the reservations of the doctor, the
 * room and the patient, clinic closures) on each local date the freed time touches, for the
 * doctor it freed (else the entry's, else every active doctor) and the room it freed (else every
 * active room). Dates are taken in order, and the first date on which `choose` (see chooseSlot)
 * picks a slot ends the search. Raw SQL on the write side, read in the process manager's
 * transaction, so that a hold it placed a moment ago stands in the way of the next entry's slots.
 */
@Injectable()
export class OfferCandidates {
  constructor(private readonly availability: AvailabilityReads) {}

  async chosen(db: EntityManager, entry: WaitingEntry, freed: FreedTime, zone: string, now: Date, choose: (slots: readonly CandidateSlot[]) => CandidateSlot | null): Promise<CandidateSlot | null> {
    const type = await this.availability.appointmentType(db, entry.appointmentTypeId);
    if (!type.active) return null;
    const rooms = await this.activeRooms(db, freed.roomId);
    const doctorId = freed.doctorId ?? entry.doctorId ?? undefined;
    const dates = localDatesOf(freed, zone).filter((date) => date >= entry.from && date <= entry.to);
    for (const date of dates) {
      const slots: CandidateSlot[] = [];
      for (const doctor of await this.availability.activeDoctors(db, { date, onlyDoctorId: doctorId })) {
        const window = reservedWindow(workingRangesOfDate(doctor, date), type);
        if (!window) continue;
        for (const roomId of rooms) {
          const reserved = await this.availability.reserved(db, window, { doctorIds: [doctor.id], roomId, patientId: entry.patientId });
          const free = freeSlots({ doctor, date, appointmentType: type, wanted: { roomId, patientId: entry.patientId }, reserved, now });
          slots.push(...free.map((slot) => ({ doctorId: doctor.id, roomId, ...slot })));
        }
      }
      const slot = choose(slots);
      if (slot) return slot;
    }
    return null;
  }

  /** The room freed when it is active, else every active room; in id order. */
  private async activeRooms(db: EntityManager, roomId: string | null): Promise<string[]> {
    const rows: Array<{ id: string }> = await db.query(`select id from rooms where active and ($1::uuid is null or id = $1) order by id`, [roomId]);
    return rows.map((row) => row.id);
  }
}
