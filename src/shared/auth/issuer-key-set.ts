import { createLocalJWKSet, errors, FlattenedJWSInput, JSONWebKeySet, JWSHeaderParameters } from 'jose';
import { InvalidToken } from './token-errors';

export interface KeySetTiming {
  /**
   * After any fetch of the keys ends, successful, failed or timed out, a token naming an unknown
   * key id makes no new fetch for this long: it is refused from the keys held. Tokens made up with random key
   * ids, while the issuer is healthy, failing or hanging, cost at most one fetch per this time.
   */
  refetchCooldownMs: number;
  /** Longest wait for one fetch, its body included. */
  timeoutMs: number;
  /** Monotonic milliseconds: a cooldown is about elapsed time, never the wall clock's date. */
  now?: () => number;
}

type KeyResolver = ReturnType<typeof createLocalJWKSet>;

/**
 * The issuer's signing keys (its JWKS), held in memory and fetched again when a token names a
 * key id not held (a key rotation) or on request (the background refresh). At most one fetch
 * runs at a time (every token waiting for keys shares it), a failed fetch keeps the keys held,
 * and a failure is reported to `warn` at most once per cooldown.
 */
export class IssuerKeySet {
  private held: KeyResolver | null = null;
  private lastFetchAt = Number.NEGATIVE_INFINITY;
  private lastWarningAt = Number.NEGATIVE_INFINITY;
  private fetching: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    readonly url: URL,
    private readonly timing: KeySetTiming,
    private readonly warn: (message: string) => void,
  ) {
    this.now = timing.now ?? (() => performance.now());
  }

  /** Fetches the keys now (or joins the fetch that runs); throws when they cannot be read, keeping the ones held. */
  load(): Promise<void> {
    // The cooldown runs from the end of a fetch: one that timed out has no sooner successor.
    this.fetching ??= this.fetch().finally(() => {
      this.lastFetchAt = this.now();
      this.fetching = null;
    });
    return this.fetching;
  }

  /** The background refresh: a failure keeps the keys held and is reported. */
  async refresh(): Promise<void> {
    try {
      await this.load();
    } catch (error) {
      this.report(`Could not refresh the issuer's keys (keeping the ones held): ${(error as Error).message}`);
    }
  }

  /**
   * The key a token's header names. A key id not held makes one fetch, unless one ran within
   * the cooldown: then the token is refused from the keys held (JWKSNoMatchingKey).
   */
  async keyFor(header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<Awaited<ReturnType<KeyResolver>>> {
    if (!this.held) throw new InvalidToken('this instance holds no keys of the issuer');
    try {
      return await this.held(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      if (this.fetching === null && this.now() - this.lastFetchAt < this.timing.refetchCooldownMs) throw error;
    }
    try {
      await this.load();
    } catch (error) {
      this.report(`Could not fetch the issuer's keys for a token with a new key id: ${(error as Error).message}`);
      throw new InvalidToken('the token is signed with a key of the issuer that could not be fetched');
    }
    return this.held(header, token);
  }

  private async fetch(): Promise<void> {
    const response = await fetch(this.url, { redirect: 'error', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.timing.timeoutMs) });
    if (response.status !== 200) throw new Error(`${this.url.href} answered HTTP ${response.status}`);
    // createLocalJWKSet refuses anything that is not a key set, and keys of secret algorithms.
    this.held = createLocalJWKSet((await response.json()) as JSONWebKeySet);
  }

  private report(message: string): void {
    const now = this.now();
    if (now - this.lastWarningAt < this.timing.refetchCooldownMs) return;
    this.lastWarningAt = now;
    this.warn(message);
  }
}
