import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionAppends } from '../../appointments/command-execution/transaction-appends';
import { CommandHandling } from '../../event-store/command-handling';
import { EventMetadata } from '../../event-store/stored-event';
import { PG_ERROR } from '../../shared/postgres-error-codes';
import { WaitlistEntry, WaitlistEntryState } from '../domain/waitlist-entry.state';
import { AlreadyOnWaitlist } from '../domain/waitlist.errors';
import { WaitlistEvent } from '../domain/waitlist.events';
import { WAITLIST_ENTRY_STREAM } from './waitlist-entry-stream';

/** An entry after a command: as it stands, the version of its stream, the position of the last event written. */
export interface WaitlistEntryResult {
  entry: WaitlistEntry;
  version: number;
  position: number;
}

/** One command on one entry: its stream, its decision, and what else it writes in the same transaction. */
export interface EntryCommand<Also> {
  entryId: string;
  /** The entry is being created (the id was just generated). */
  newStream?: boolean;
  metadata: EventMetadata;
  /** The entry's events (at least one), decided under the stream's lock on its current state. */
  decide(state: WaitlistEntryState, db: EntityManager): Promise<WaitlistEvent[]> | WaitlistEvent[];
  /** After the append and the row: the command's other writes (a hold placed, released or converted) and their result. */
  also?(db: EntityManager, entry: WaitlistEntry): Promise<Also>;
}

/**
 * Commands on waitlist entries: each in one PostgreSQL transaction (its own, or `within` the
 * caller's), through the generic command handling, writing the entry's events and its row of
 * `waitlist_entries` together, so that the row is always what the stream folds to. The row's
 * exclusion constraint refuses a patient's second open entry for one appointment type in an
 * overlapping window (409). The stream's lock comes first, then whatever `also` locks (a hold's
 * stream and reservations): the order of every command on an entry. What a command appended (its
 * own events and those of `also`: a hold's, an appointment's) is told once its transaction has
 * committed (TransactionAppends): by this service after its own commit, by the caller after
 * theirs when it runs `within`.
 */
@Injectable()
export class WaitlistEntries {
  constructor(
    private readonly commands: CommandHandling,
    private readonly appends: TransactionAppends,
  ) {}

  async run<Also = undefined>(command: EntryCommand<Also>, within?: EntityManager): Promise<WaitlistEntryResult & { also: Also | undefined }> {
    const result = await this.commands.handle(
      WAITLIST_ENTRY_STREAM,
      {
        streamId: command.entryId,
        newStream: command.newStream,
        metadata: command.metadata,
        decide: (state, db) => command.decide(state, db),
        then: async (db, { after, appended }) => {
          const entry = after as WaitlistEntry;
          await this.writeRow(db, entry, appended.version);
          const also = command.also ? await command.also(db, entry) : undefined;
          const types = appended.events.map((event) => event.type);
          return { entry, version: appended.version, position: appended.lastPosition, also, types, transaction: db };
        },
      },
      within,
    );
    const { types, transaction, ...outcome } = result;
    if (within) this.appends.record(within, types);
    else this.appends.committed(transaction, types);
    return outcome;
  }

  /** The entry's row, as its stream now folds to; the offer's slot is remembered when one is made. */
  private async writeRow(db: EntityManager, entry: WaitlistEntry, version: number): Promise<void> {
    try {
      await db.query(
        `insert into waitlist_entries (entry_id, patient_id, appointment_type_id, doctor_id, window_from, window_to, status, offer, appointment_id, version)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (entry_id) do update set status = excluded.status, offer = excluded.offer, appointment_id = excluded.appointment_id, version = excluded.version`,
        [entry.entryId, entry.patientId, entry.appointmentTypeId, entry.doctorId, entry.from, entry.to, entry.status, entry.offer, entry.appointmentId, version],
      );
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === PG_ERROR.EXCLUSION_VIOLATION && constraint === 'waitlist_entries_one_open') throw new AlreadyOnWaitlist(entry.patientId, entry.appointmentTypeId);
      throw error;
    }
    if (entry.status === 'offered' && entry.offer) {
      await db.query(`insert into waitlist_offered_slots (entry_id, doctor_id, start, hold_id) values ($1, $2, $3, $4) on conflict do nothing`, [
        entry.entryId,
        entry.offer.doctorId,
        entry.offer.start,
        entry.offer.holdId,
      ]);
    }
  }
}
