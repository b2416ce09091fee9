import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReservedResource } from '../domain/appointment.errors';
import { Appointment, ACTIVE_STATUSES } from '../domain/appointment.state';
import { PG_ERROR } from '../../shared/postgres-error-codes';

/** Thrown when PostgreSQL's exclusion constraint finds an overlapping active appointment. */
export class ResourceTaken extends Error {
  constructor(
    readonly resource: ReservedResource,
    readonly wanted: Appointment,
  ) {
    super(`The ${resource} is already booked in that time`);
  }
}

/** The resource each exclusion constraint of `reservations` keeps free; other constraints have none. */
const CONSTRAINT_RESOURCE: Partial<Record<string, ReservedResource>> = {
  reservations_doctor_free: 'doctor',
  reservations_room_free: 'room',
  reservations_patient_free: 'patient',
};

/**
 * The write-side reservations: one row per active appointment holding its doctor, room and
 * patient for `[start - bufferBefore, end + bufferAfter)`. Written in the transaction of the
 * event append, so the exclusion constraints (not application code) decide who gets a slot
 * when bookings race: the loser's transaction waits for the winner's and then fails.
 */
@Injectable()
export class Reservations {
  /**
   * Makes the reservation match the appointment: held while active, released otherwise.
   * Exclusion constraints checked by concurrent inserts can wait on each other in a cycle
   * (a deadlock PostgreSQL only breaks after a second). To avoid that, the transaction first
   * takes advisory locks on every doctor, room and patient it releases or takes, in one global
   * order; the constraints still decide, the locks only queue the contenders.
   */
  async apply(db: EntityManager, before: Appointment | null, appointment: Appointment): Promise<void> {
    const locks = resourceLocks([before, appointment]);
    if (!ACTIVE_STATUSES.includes(appointment.status)) {
      await db.query(locks.sql, locks.keys);
      await db.query(`delete from reservations where appointment_id = $1`, [appointment.id]);
      return;
    }
    const n = locks.keys.length;
    try {
      // The insert reads its row from the materialized lock query: the locks are taken first.
      await db.query(
        `with locks as materialized (${locks.sql})
         insert into reservations (appointment_id, doctor_id, room_id, patient_id, during)
         select $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4},
           tstzrange($${n + 5}::timestamptz - make_interval(mins => $${n + 6}), $${n + 7}::timestamptz + make_interval(mins => $${n + 8}), '[)')
         from locks
         on conflict (appointment_id) do update
           set doctor_id = excluded.doctor_id, room_id = excluded.room_id,
               patient_id = excluded.patient_id, during = excluded.during`,
        [
          ...locks.keys,
          appointment.id,
          appointment.doctorId,
          appointment.roomId,
          appointment.patientId,
          appointment.start,
          appointment.bufferBeforeMinutes,
          appointment.end,
          appointment.bufferAfterMinutes,
        ],
      );
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      const resource = constraint === undefined ? undefined : CONSTRAINT_RESOURCE[constraint];
      if (code === PG_ERROR.EXCLUSION_VIOLATION && resource) throw new ResourceTaken(resource, appointment);
      throw error;
    }
  }
}

/** The advisory locks of every doctor, room and patient involved, as one select taking them in sorted order. */
function resourceLocks(appointments: Array<Appointment | null>): { sql: string; keys: string[] } {
  const keys = new Set<string>();
  for (const a of appointments) {
    if (a) [`doctor:${a.doctorId}`, `room:${a.roomId}`, `patient:${a.patientId}`].forEach((key) => keys.add(key));
  }
  const sorted = [...keys].sort().map((key) => `reservation:${key}`);
  // The select list is evaluated left to right: the locks are taken in the sorted order.
  return { sql: `select ${sorted.map((_, i) => `pg_advisory_xact_lock(hashtextextended($${i + 1}, 0))`).join(', ')}`, keys: sorted };
}
