import { Logger } from '@nestjs/common';
import { Sleeper } from './sleeper';

/**
 * A background loop of rounds: one round, then an idle wait of `everyMs` (cut short when stopped),
 * for as long as it runs. A round that fails is logged and the next one comes at the usual time,
 * so a database outage only pauses the work. Its owner starts it on application bootstrap (when
 * this instance runs subscriptions) and stops it before shutdown, while the database pool is
 * still open: stopping waits for the round in flight, which commits or rolls back cleanly.
 */
export class PeriodicRounds {
  private readonly sleeper = new Sleeper();
  private loop: Promise<void> | null = null;

  /** `name` says what stops and what failed in the log: "Hold expiry" gives "Hold expiry round failed: …". */
  constructor(
    private readonly name: string,
    private readonly logger: Logger,
    private readonly everyMs: number,
    private readonly round: () => Promise<unknown>,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.sleeper.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.sleeper.isClosed) {
      try {
        await this.round();
      } catch (error) {
        this.logger.error(`${this.name} round failed: ${(error as Error).message}`);
      }
      await this.sleeper.idle(this.everyMs);
    }
  }
}
