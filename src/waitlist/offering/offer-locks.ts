import { EntityManager } from 'typeorm';
import { CommandHandling } from '../../event-store/command-handling';
import { Holders, Reservations } from '../../reservations/reservations';
import { WAITLIST_ENTRY_STREAM } from '../persistence/waitlist-entry-stream';

/**
 * The lock discipline of one delivery of the offer process manager, whose whole batch is one
 * transaction holding every advisory lock it takes until it commits. Each placement takes its
 * reservation locks (doctor, room, patient, the clinic's shared) in one statement, in the global
 * order; but a second placement, or an entry's stream lock after a first one, would wait for
 * locks out of that order while holding others, and so could close a cycle with a booking or a
 * command on an offered entry (which takes the entry's lock, then the reservation locks of its
 * hold). So the first placement waits for its reservation locks; once the transaction holds
 * reservation locks, every later lock it needs is only tried, and a busy one (ReservationsBusy,
 * StreamsBusy) fails the delivery, which the subscription retries, rather than waiting.
 */
export class OfferLocks {
  private holdsReservations = false;

  constructor(
    private readonly db: EntityManager,
    private readonly reservations: Reservations,
    private readonly commands: CommandHandling,
  ) {}

  /** Before a placement takes the reservation locks of `holders`. */
  async beforePlacing(holders: Holders): Promise<void> {
    if (this.holdsReservations) await this.reservations.tryLock(this.db, [holders]);
    this.holdsReservations = true;
  }

  /** Before a command on the entry takes its stream's lock. */
  async beforeEntry(entryId: string): Promise<void> {
    if (this.holdsReservations) await this.commands.tryLockStreams(this.db, WAITLIST_ENTRY_STREAM, [entryId]);
  }
}
