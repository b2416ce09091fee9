import { EntityManager } from 'typeorm';
import { APPOINTMENT_AGGREGATE_TYPE, AppointmentReassigned } from '../../appointments/domain/appointment.events';
import { HOLD_AGGREGATE_TYPE } from '../../appointments/domain/hold.events';
import { CLINIC_CLOSURE_AGGREGATE_TYPE, DOCTOR_SCHEDULE_AGGREGATE_TYPE, ROOM_BLOCK_AGGREGATE_TYPE } from '../../schedules/domain/schedule.events';
import { CommitPoint } from '../../event-store/stored-event';
import { Actor } from '../../shared/auth/actor';
import { WAITLIST_AGGREGATE_TYPE } from '../../waitlist/domain/waitlist.events';

/** An appointment, schedule, hold or waitlist event a resuming client missed: where it is in the log and in its stream. */
export interface MissedEvent extends CommitPoint {
  aggregateId: string;
  version: number;
}

/** Whether an actor receives every change, or only those it is a party to. */
export function seesEveryChange(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'staff';
}

const POINT = `position, transaction_id, aggregate_id, version`;
const IN_RANGE = `(transaction_id, position) > ($1::xid8, $2::bigint) and (transaction_id, position) <= ($3::xid8, $4::bigint)`;
/** Commit order, by the xid8 column itself (its text copy would sort 10 before 9). */
const IN_COMMIT_ORDER = (table: string) => `order by ${table}.transaction_id, ${table}.position limit $5`;
/** Written as literals, the partial indexes' own predicates let the planner use those indexes. */
const APPOINTMENT_EVENTS = `aggregate_type = '${APPOINTMENT_AGGREGATE_TYPE}'`;
const REASSIGNMENTS = `event_type = '${AppointmentReassigned.type}'`;
/** Every event of a doctor's schedule names the doctor (migration LiveScheduleIndexes indexes them by doctor, and the closures, in commit order). */
const DOCTOR_SCHEDULE_EVENTS = `aggregate_type = '${DOCTOR_SCHEDULE_AGGREGATE_TYPE}'`;
const CLOSURE_EVENTS = `aggregate_type = '${CLINIC_CLOSURE_AGGREGATE_TYPE}'`;
/** Every hold event names its doctor and patient, every waitlist event its patient (migration LiveHoldIndexes indexes them so, in commit order). */
const HOLD_EVENTS = `aggregate_type = '${HOLD_AGGREGATE_TYPE}'`;
const WAITLIST_EVENTS = `aggregate_type = '${WAITLIST_AGGREGATE_TYPE}'`;
/** Everything the live updates carry: appointments, every schedule stream, holds and waitlist entries. */
const LIVE_EVENTS = `aggregate_type in ('${APPOINTMENT_AGGREGATE_TYPE}', '${DOCTOR_SCHEDULE_AGGREGATE_TYPE}', '${CLINIC_CLOSURE_AGGREGATE_TYPE}', '${ROOM_BLOCK_AGGREGATE_TYPE}', '${HOLD_AGGREGATE_TYPE}', '${WAITLIST_AGGREGATE_TYPE}')`;

/** The events in range that an actor may receive (the audience of `mayReceive`); null for nobody. */
function concerning(actor: Actor): { sql: string; party: string[] } | null {
  const select = (where: string) => `(select ${POINT} from events where ${where} and ${IN_RANGE} ${IN_COMMIT_ORDER('events')})`;
  if (seesEveryChange(actor)) return { sql: select(LIVE_EVENTS), party: [] };
  if (actor.role === 'patient' && actor.patientId) {
    // The patient's appointments, holds and waitlist entries.
    return {
      sql: [
        select(`${APPOINTMENT_EVENTS} and data->>'patientId' = $6`),
        select(`${HOLD_EVENTS} and data->>'patientId' = $6`),
        select(`${WAITLIST_EVENTS} and data->>'patientId' = $6`),
      ].join(' union '),
      party: [actor.patientId],
    };
  }
  if (actor.role === 'doctor' && actor.doctorId) {
    // The doctor's appointments and holds, the reassignments that took one away from them,
    // their own schedule (time off, working hours) and the clinic's closures.
    return {
      sql: [
        select(`${APPOINTMENT_EVENTS} and data->>'doctorId' = $6`),
        select(`${REASSIGNMENTS} and data->>'previousDoctorId' = $6`),
        select(`${DOCTOR_SCHEDULE_EVENTS} and data->>'doctorId' = $6`),
        select(CLOSURE_EVENTS),
        select(`${HOLD_EVENTS} and data->>'doctorId' = $6`),
      ].join(' union '),
      party: [actor.doctorId],
    };
  }
  return null;
}

/**
 * The appointment, schedule, hold and waitlist events after `after` up to `until` that `actor`
 * may receive, in commit order, at most `limit`. The events table is read here in plain SQL
 * because the audience lives inside the events' data: a doctor's or a patient's events come
 * from the indexes by party (migrations LiveResumeIndexes, LiveScheduleIndexes and
 * LiveHoldIndexes), each a range scan in commit order, so a resume reads what concerns that
 * client and never the rest of the log.
 */
export async function missedEvents(db: EntityManager, actor: Actor, after: CommitPoint, until: CommitPoint, limit: number): Promise<MissedEvent[]> {
  const query = concerning(actor);
  if (!query) return [];
  const rows: Array<{ position: string; transaction_id: string; aggregate_id: string; version: number }> = await db.query(
    `select position, transaction_id::text as transaction_id, aggregate_id, version from (${query.sql}) as missed ${IN_COMMIT_ORDER('missed')}`,
    [after.transactionId, after.position, until.transactionId, until.position, limit, ...query.party],
  );
  return rows.map((row) => ({ position: Number(row.position), transactionId: row.transaction_id, aggregateId: row.aggregate_id, version: row.version }));
}
