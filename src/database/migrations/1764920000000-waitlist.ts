import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The waitlist's write-side state, written in the transaction of each entry's events: the
 * entries as they stand (to find who is next in line for freed time), the slots offered to each
 * entry (never offered to it again), and the freeing events the offer process manager has acted
 * on (a redelivered one changes nothing).
 */
export class Waitlist1764920000000 implements MigrationInterface {
  name = 'Waitlist1764920000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per entry. `joined_order` is the order in line; the exclusion constraint keeps a
    // patient from waiting twice for one appointment type in overlapping windows, under any
    // concurrency. No foreign key to patients: an erased patient's record is deleted, the entry
    // stays (cancelled) in the history.
    await db.query(`
      create table waitlist_entries (
        entry_id uuid primary key,
        joined_order bigint generated always as identity unique,
        patient_id uuid not null,
        appointment_type_id uuid not null references appointment_types (id),
        doctor_id uuid references doctors (id),
        window_from date not null,
        window_to date not null,
        status text not null check (status in ('waiting', 'offered', 'booked', 'expired', 'cancelled')),
        offer jsonb,
        appointment_id uuid,
        version int not null check (version > 0),
        check (window_from <= window_to),
        check ((status = 'offered') = (offer is not null)),
        constraint waitlist_entries_one_open exclude using gist (
          patient_id with =, appointment_type_id with =, daterange(window_from, window_to, '[]') with &&
        ) where (status in ('waiting', 'offered'))
      )`);
    await db.query(`create index waitlist_entries_in_line on waitlist_entries (joined_order) where status = 'waiting'`);
    await db.query(`create index waitlist_entries_patient on waitlist_entries (patient_id)`);

    // Every slot (doctor and start) offered to an entry, with the hold that offered it.
    await db.query(`
      create table waitlist_offered_slots (
        entry_id uuid not null references waitlist_entries (entry_id),
        doctor_id uuid not null,
        start timestamptz not null,
        hold_id uuid not null unique,
        primary key (entry_id, doctor_id, start)
      )`);

    // The freeing events acted on, by event id: the process manager's idempotence.
    await db.query(`
      create table waitlist_freed_time (
        event_id uuid primary key,
        handled_at timestamptz not null default now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists waitlist_freed_time`);
    await db.query(`drop table if exists waitlist_offered_slots`);
    await db.query(`drop table if exists waitlist_entries`);
  }
}
