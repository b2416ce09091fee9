import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SubscriptionRunner } from './subscription-runner';

const RECHECK_MS = 50;

/**
 * Read-your-writes: waits until the given subscriptions have processed the event at a
 * position (a command's X-Event-Position), however they are spread over instances.
 */
@Injectable()
export class ReadSideProgress {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: SubscriptionRunner,
  ) {}

  async hasApplied(subscriptions: readonly string[], position: number): Promise<boolean> {
    const [{ applied }]: Array<{ applied: boolean }> = await this.dataSource.query(
      `select count(*) = $2 as applied
       from subscription_checkpoints c join events e on e.position = $1
       where c.name = any($3) and (c.transaction_id, c.position) >= (e.transaction_id, e.position)`,
      [position, subscriptions.length, subscriptions],
    );
    return applied;
  }

  /** True once applied; false if `timeoutMs` passed first. */
  async waitFor(subscriptions: readonly string[], position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.hasApplied(subscriptions, position)) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(RECHECK_MS, left));
        const stop = this.runner.onAdvanced(done);
        function done() {
          clearTimeout(timer);
          stop();
          resolve();
        }
      });
    }
  }
}
