/**
 * Waits between rounds of a background loop. A wake-up (new work) cuts a wakeable wait short,
 * and is remembered if it comes while the loop is busy; closing cuts every wait short.
 */
export class Sleeper {
  private wakePending = false;
  private closed = false;
  private waiting: { wakeable: boolean; done(): void } | null = null;

  get isClosed(): boolean {
    return this.closed;
  }

  wake(): void {
    this.wakePending = true;
    if (this.waiting?.wakeable) this.waiting.done();
  }

  close(): void {
    this.closed = true;
    this.waiting?.done();
  }

  /** Waits up to `ms` for new work; returns at once if some arrived since the last wait. */
  idle(ms: number): Promise<void> {
    if (this.wakePending || this.closed) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return this.wait(ms, true).then(() => {
      this.wakePending = false;
    });
  }

  /** A backoff: new work does not cut it short, closing does. */
  pause(ms: number): Promise<void> {
    return this.closed ? Promise.resolve() : this.wait(ms, false);
  }

  private wait(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting = { wakeable, done };
    });
  }
}
