/** How subscriptions run; see the SUBSCRIPTION_* variables of the configuration. */
export interface SubscriptionSettings {
  /** Off for an API-only instance: it serves requests, other instances run the subscriptions. */
  run: boolean;
  batchSize: number;
  /** The fallback poll, for commits whose notification was missed. */
  pollMs: number;
  /**
   * After a batch that did not fill up, wait this long before reading again, so that events
   * arriving under load are taken together rather than one round of statements each. The
   * first event after a quiet spell is read at once.
   */
  batchWindowMs: number;
  /** Attempts at one event before the failure policy applies. */
  maxAttempts: number;
  /** First retry delay; it doubles with every attempt. */
  retryBaseMs: number;
  /** How often a runner without the lock of a subscription tries to take it over. */
  lockRetryMs: number;
}

export const SUBSCRIPTION_SETTINGS = Symbol('SUBSCRIPTION_SETTINGS');
export const EVENT_DECODER = Symbol('EVENT_DECODER');
