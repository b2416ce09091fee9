import { Clock } from '../../src/shared/clock';

/** A clock the test sets, so that "now" is a known instant. */
export class MutableClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: string | Date): void {
    this.current = new Date(instant);
  }
}
