import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommitSections, ReservationWrite } from '../event-store/command-commit';
import { PG_ERROR } from '../shared/postgres-error-codes';

/** What holds time in the reservations table. */
export type ReservationKind = 'appointment' | 'hold' | 'time-off' | 'closure' | 'room-block';

/** The kinds that are not bookings but blocks of a schedule: time nobody may book. */
export const BLOCK_KINDS = ['time-off', 'closure', 'room-block'] as const satisfies readonly ReservationKind[];
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** What an exclusion constraint keeps free: a doctor, a room, a patient, or the open clinic (closures). */
export type ReservedResource = 'doctor' | 'room' | 'patient' | 'clinic';

/**
 * One occupation of time: an appointment or a hold holds its doctor, room and patient; a time off
 * its doctor; a room block its room; a closure the whole clinic (every doctor and room).
 * `[start - bufferBefore, end + bufferAfter)` is what it occupies.
 */
export interface Occupation extends ReservationWrite {
  kind: ReservationKind;
}

/** Who an occupation holds: what its locks are taken on, whatever its time. */
export type Holders = Pick<Occupation, 'kind' | 'doctorId' | 'roomId' | 'patientId'>;

/** A row of the table, as another occupation finds it in its way. */
export interface ReservedTime {
  id: string;
  kind: ReservationKind;
  doctorId: string | null;
  roomId: string | null;
  patientId: string | null;
  /** The occupation's own time, without buffers. */
  start: Date;
  end: Date;
}

/** Thrown when one of PostgreSQL's exclusion constraints finds the time taken. */
export class ResourceTaken extends Error {
  constructor(
    readonly resource: ReservedResource,
    readonly wanted: Occupation,
  ) {
    super(`The ${resource} is not free in that time`);
  }
}

/**
 * Thrown by `tryLock` when another transaction holds one of the locks: a race lost for now, for
 * the caller to roll back and try again, never a refusal.
 */
export class ReservationsBusy extends Error {
  constructor(readonly keys: readonly string[]) {
    super(`Reservations ${keys.join(', ')} ${keys.length === 1 ? 'is' : 'are'} being changed by another transaction`);
  }
}

const CONSTRAINT_RESOURCE: Partial<Record<string, ReservedResource>> = {
  reservations_doctor_free: 'doctor',
  reservations_room_free: 'room',
  reservations_patient_free: 'patient',
  reservations_clinic_open: 'clinic',
};

const BOOKING_KINDS: readonly ReservationKind[] = ['appointment', 'hold'];

/**
 * The write-side reservations: one row per occupation of time, written in the transaction of
 * the events that start, move or end it, so that PostgreSQL's exclusion constraints (not
 * application code) decide who gets a slot when commands race: the loser's transaction waits for
 * the winner's and then fails.
 *
 * Exclusion constraints checked by concurrent inserts can wait on each other in a cycle (a
 * deadlock PostgreSQL only breaks after a second). To avoid that, a transaction first takes
 * advisory locks on every doctor, room and patient it releases or takes, in one global order;
 * bookings share the clinic's lock that a closure takes alone. The constraints still decide; the
 * locks only queue the contenders, and let a block see every booking in its way before it writes.
 */
@Injectable()
export class Reservations {
  /**
   * Takes the locks of everything the occupations hold (see above), in the global order.
   * `wholeClinic` takes the clinic's lock alone, as a closure does: for a block that may cancel
   * the bookings in its way, whose doctor, room and patient locks it takes only once it has seen
   * them. No booking then holds a reservation lock while it waits for the block, so taking those
   * later cannot close a cycle. A command on an appointment does hold its stream's lock while it
   * waits for the clinic's: the block must therefore not wait for the streams of the appointments
   * it cancels (it tries their locks, and gives way when one is busy: see BlockScheduling).
   */
  async lock(db: EntityManager, occupations: ReadonlyArray<Holders | null>, options: { wholeClinic?: boolean } = {}): Promise<void> {
    const locks = lockQuery(occupations, options.wholeClinic);
    await db.query(locks.sql, locks.keys);
  }

  /**
   * Tries the locks `lock` would take, in the same order and modes, without waiting: for a
   * transaction that holds reservation locks already, which must not wait for more out of the
   * global order (see the waitlist's offer process manager). One held by another transaction
   * throws ReservationsBusy; the caller rolls its transaction back (what was taken is held until then).
   */
  async tryLock(db: EntityManager, occupations: ReadonlyArray<Holders | null>): Promise<void> {
    const locks = lockQuery(occupations);
    if (locks.keys.length === 0) return;
    const tries = locks.keys.map((_, i) => `${locks.modes[i] === 'shared' ? 'pg_try_advisory_xact_lock_shared' : 'pg_try_advisory_xact_lock'}(hashtextextended($${i + 1}, 0)) as "${i}"`);
    const [row]: Array<Record<string, boolean>> = await db.query(`select ${tries.join(', ')}`, locks.keys);
    const busy = locks.keys.filter((_, i) => !row[String(i)]);
    if (busy.length > 0) throw new ReservationsBusy(busy);
  }

  /**
   * Takes the lock of one doctor's reservations alone (in the same key space and order as
   * `lock`): whoever holds it sees every booking of the doctor committed before, and a booking
   * that comes later writes its row only after this transaction ends.
   */
  async lockDoctor(db: EntityManager, doctorId: string): Promise<void> {
    const locks = lockQueryOf(new Map([[`doctor:${doctorId}`, 'exclusive']]));
    await db.query(locks.sql, locks.keys);
  }

  /**
   * Makes the table match an occupation that moved or ended: `after` null releases `before`'s
   * row; otherwise `after`'s row is written (the same id moves, a new id is taken).
   */
  async apply(db: EntityManager, before: Occupation | null, after: Occupation | null): Promise<void> {
    const locks = lockQuery([before, after]);
    if (after === null) {
      await db.query(locks.sql, locks.keys);
      if (before) await db.query(`delete from reservations where reserved_by = $1`, [before.id]);
      return;
    }
    const n = locks.keys.length;
    try {
      // The insert reads its row from the materialized lock query: the locks are taken first.
      await db.query(
        `with locks as materialized (${locks.sql})
         insert into reservations (reserved_by, kind, doctor_id, room_id, patient_id, span, during)
         select $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5},
           tstzrange($${n + 6}::timestamptz, $${n + 7}::timestamptz, '[)'),
           tstzrange($${n + 6}::timestamptz - make_interval(mins => $${n + 8}), $${n + 7}::timestamptz + make_interval(mins => $${n + 9}), '[)')
         from locks
         on conflict (reserved_by) do update
           set doctor_id = excluded.doctor_id, room_id = excluded.room_id, patient_id = excluded.patient_id,
               span = excluded.span, during = excluded.during`,
        [...locks.keys, after.id, after.kind, after.doctorId, after.roomId, after.patientId, after.start, after.end, after.bufferBeforeMinutes, after.bufferAfterMinutes],
      );
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      const resource = constraint === undefined ? undefined : CONSTRAINT_RESOURCE[constraint];
      if (code === PG_ERROR.EXCLUSION_VIOLATION && resource) throw new ResourceTaken(resource, after);
      throw error;
    }
  }

  /**
   * The same move as `apply`, as sections of a command's commit function (commit_command): the
   * locks of `before` and `after` in the global order, then the release or the write, which the
   * exclusion constraints check. See `taken` for what a refusal means.
   */
  commitSections(before: Occupation | null, after: Occupation | null): Pick<CommitSections, 'locks' | 'reservation'> {
    const locks = lockQuery([before, after]);
    return {
      locks: locks.keys.map((key, i) => ({ key, shared: locks.modes[i] === 'shared' })),
      reservation: after === null ? (before ? { release: before.id } : {}) : { write: after },
    };
  }

  /** The ResourceTaken of an error of a command's commit when an exclusion constraint refused `wanted`; undefined otherwise. */
  taken(error: unknown, wanted: Occupation | null): ResourceTaken | undefined {
    const { code, constraint } = error as { code?: string; constraint?: string };
    const resource = constraint === undefined ? undefined : CONSTRAINT_RESOURCE[constraint];
    return code === PG_ERROR.EXCLUSION_VIOLATION && resource && wanted ? new ResourceTaken(resource, wanted) : undefined;
  }

  /**
   * What already occupies time the occupation wants, by the same rule as the constraints: rows
   * sharing its doctor, room or patient, and for a closure every booking (for a booking, every
   * closure). Call it after `lock` to see all of it, committed.
   */
  async inTheWay(db: EntityManager, wanted: Occupation): Promise<ReservedTime[]> {
    const closure = wanted.kind === 'closure';
    const booking = BOOKING_KINDS.includes(wanted.kind);
    return db.query(
      `select reserved_by as id, kind, doctor_id as "doctorId", room_id as "roomId", patient_id as "patientId", lower(span) as start, upper(span) as "end"
       from reservations
       where reserved_by <> $1
         and during && tstzrange($2::timestamptz - make_interval(mins => $3), $4::timestamptz + make_interval(mins => $5), '[)')
         and (doctor_id = $6 or room_id = $7 or patient_id = $8
              or ($9 and kind = any($11::text[])) or ($10 and kind = 'closure'))
       order by lower(span), reserved_by`,
      [
        wanted.id,
        wanted.start,
        wanted.bufferBeforeMinutes,
        wanted.end,
        wanted.bufferAfterMinutes,
        wanted.doctorId,
        wanted.roomId,
        wanted.patientId,
        closure,
        booking,
        BOOKING_KINDS,
      ],
    );
  }

  /**
   * The row that made an occupation's constraint fail, for the conflict's detail; read after the
   * failed transaction (it may be gone by then: null).
   */
  async blocking(db: EntityManager, { resource, wanted }: ResourceTaken): Promise<ReservedTime | null> {
    const rivals = await this.inTheWay(db, wanted);
    const held: Record<ReservedResource, (rival: ReservedTime) => boolean> = {
      doctor: (rival) => rival.doctorId !== null && rival.doctorId === wanted.doctorId,
      room: (rival) => rival.roomId !== null && rival.roomId === wanted.roomId,
      patient: (rival) => rival.patientId !== null && rival.patientId === wanted.patientId,
      clinic: (rival) => rival.kind === 'closure' || BOOKING_KINDS.includes(rival.kind),
    };
    return rivals.find(held[resource]) ?? null;
  }
}

/**
 * The advisory locks of every doctor, room and patient involved, as one select taking them in
 * sorted order; a booking takes the clinic's lock shared, a closure exclusively.
 */
function lockQuery(occupations: ReadonlyArray<Holders | null>, wholeClinic = false): LockQuery {
  const keys = new Map<string, 'shared' | 'exclusive'>();
  const take = (key: string, mode: 'shared' | 'exclusive') => keys.set(key, keys.get(key) === 'exclusive' ? 'exclusive' : mode);
  if (wholeClinic) take('clinic', 'exclusive');
  for (const o of occupations) {
    if (!o) continue;
    if (o.doctorId) take(`doctor:${o.doctorId}`, 'exclusive');
    if (o.roomId) take(`room:${o.roomId}`, 'exclusive');
    if (o.patientId) take(`patient:${o.patientId}`, 'exclusive');
    if (o.kind === 'closure') take('clinic', 'exclusive');
    else if (BOOKING_KINDS.includes(o.kind)) take('clinic', 'shared');
  }
  return lockQueryOf(keys);
}

/** The select that takes the advisory locks of these keys in sorted order, each in its mode. */
function lockQueryOf(keys: ReadonlyMap<string, 'shared' | 'exclusive'>): LockQuery {
  const sorted = [...keys.keys()].sort();
  // The select list is evaluated left to right: the locks are taken in the sorted order.
  const calls = sorted.map((key, i) => `${keys.get(key) === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtextextended($${i + 1}, 0))`);
  return { sql: `select ${calls.join(', ') || '1'}`, keys: sorted.map((key) => `reservation:${key}`), modes: sorted.map((key) => keys.get(key) ?? 'exclusive') };
}

/** The select taking some advisory locks, their keys in the order taken, and each one's mode. */
interface LockQuery {
  sql: string;
  keys: string[];
  modes: Array<'shared' | 'exclusive'>;
}
