import { Injectable } from '@nestjs/common';

/**
 * In-process wake-up: raised after a transaction that appended events has committed, so that
 * this instance's subscriptions read them at once instead of at the next poll. Other instances
 * learn of the commit through PostgreSQL's NOTIFY.
 */
@Injectable()
export class AppendSignal {
  private readonly listeners = new Set<() => void>();

  committed(): void {
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
