import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { StreamsBusy } from '../../../event-store/command-errors';
import { CommandHandling } from '../../../event-store/command-handling';
import { Clock } from '../../../shared/clock';
import { PeriodicRounds } from '../../../shared/periodic-rounds';
import { TransactionAppends } from '../../command-execution/transaction-appends';
import { holdTimers } from '../hold-timers';
import { SLOT_HOLD_STREAM } from '../slot-hold-stream';
import { SlotHolds } from '../slot-holds';

/** Timers looked at in one round at most; the rest wait for the next. */
const BATCH = 100;

/**
 * Fires the durable timers of slot holds: every HOLD_EXPIRY_CHECK_MS, on the injected clock, each
 * hold due is expired in a transaction of its own that locks its timer row (`for update skip
 * locked`: a timer another instance is firing is skipped), appends HoldExpired at the version it
 * loaded and deletes the reservation and the timer; its HoldExpired is told (AppendSignal,
 * events_appended_total) once that transaction has committed. The timers are rows in PostgreSQL, so
 * whatever fell due while every instance was down expires at the next start, once.
 *
 * A command on the hold (a release, a conversion, a block releasing it) holds the stream's lock
 * while it waits for the timer row: the dispatcher only tries the stream's lock, and leaves a
 * busy hold to that command (which ends the hold, or finds it run out) or to the next round.
 */
@Injectable()
export class HoldExpiryDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('HoldExpiry');
  private readonly rounds: PeriodicRounds;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: CommandHandling,
    private readonly holds: SlotHolds,
    private readonly appends: TransactionAppends,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.rounds = new PeriodicRounds('Hold expiry', this.logger, config.holdExpiryCheckMs, () => this.expireDue());
  }

  onApplicationBootstrap(): void {
    if (this.config.runSubscriptions) this.rounds.start();
  }

  /** Runs while the database pool is still open, so that a round in flight commits or rolls back cleanly. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
    this.logger.log('Hold expiry dispatcher stopped');
  }

  /** Expires every hold due at the clock's now; returns how many expired. */
  async expireDue(): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    for (const holdId of await holdTimers.due(this.dataSource.manager, now, BATCH)) {
      if ((await this.appends.transaction((db) => this.expire(db, holdId, now))) !== null) expired++;
    }
    return expired;
  }

  /** The position of the hold's HoldExpired, or null when it did not expire (taken by another instance, busy, or ended already). */
  private async expire(db: EntityManager, holdId: string, now: Date): Promise<number | null> {
    if (!(await holdTimers.claim(db, holdId, now))) return null;
    try {
      await this.commands.tryLockStreams(db, SLOT_HOLD_STREAM, [holdId]);
    } catch (error) {
      if (error instanceof StreamsBusy) return null;
      throw error;
    }
    return this.holds.expireWithin(db, holdId, now);
  }
}
