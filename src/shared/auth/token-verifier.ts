import { Actor } from './actor';

/** A verified token: who it speaks for, and the end of its validity (its `exp`; null without one). */
export interface VerifiedAccessToken {
  actor: Actor;
  expiresAt: Date | null;
}

/**
 * Checks an access token and tells who it speaks for: the one verification of the HTTP guard,
 * the rate limit and the `/live` handshake. Refuses with InvalidToken (a 401), or with its
 * TokenWithoutRole (a 403) for a valid token that carries no role of this API. It answers from
 * what it holds in memory: no network call per token, except a key refresh for a key id not
 * seen before (an issuer's key rotation), at most one every few seconds.
 */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<VerifiedAccessToken>;
}
