import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { ConfigError } from '../../config/app-config';
import { discoverIssuer } from './issuer-discovery';
import { IssuerKeySet, KeySetTiming } from './issuer-key-set';
import { actorOfClaims, ClaimMapping } from './token-claims';
import { InvalidToken } from './token-errors';
import { TokenVerifier, VerifiedAccessToken } from './token-verifier';

/**
 * The signatures an issuer's access token may carry: asymmetric only, so that nobody holding a
 * shared secret (JWT_SECRET, say) can sign one, and never `none`.
 */
export const ISSUER_ALGORITHMS = ['RS256', 'ES256', 'PS256'];
/**
 * A token naming a key id the held key set lacks makes the verifier fetch the issuer's keys
 * again (a key rotation), at most once per cooldown after any fetch, whether it succeeded,
 * failed or timed out: tokens made up with random key ids cannot make it call the issuer more
 * often, even while the issuer fails. Each fetch waits at most `timeoutMs`.
 */
export const KEY_SET_TIMING: KeySetTiming = { refetchCooldownMs: 5_000, timeoutMs: 5_000 };
/** The key set is also fetched again this often in the background, so that a key the issuer withdrew stops being accepted. */
const KEY_SET_REFRESH_MS = 5 * 60_000;

/** Header parameters that bring or point to a key of the token's own choosing (RFC 7515 section 4.1): never used, the token is refused. */
const OWN_KEY_HEADERS = ['jwk', 'jku', 'x5c', 'x5u'];

export interface IssuerVerification {
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  claims: ClaimMapping;
}

/** Why a token was refused, in words for the caller (none of jose's own text, which names internals). */
function refusalOf(error: errors.JOSEError): string {
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim } = error as errors.JWTClaimValidationFailed;
      if (claim === 'iss') return 'the token is from another issuer';
      if (claim === 'aud') return 'the token is meant for another audience';
      if (claim === 'nbf') return 'the token is not valid yet';
      return `the token's "${claim}" claim is missing or not valid`;
    }
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return `the token is not signed with one of ${ISSUER_ALGORITHMS.join(', ')}`;
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'the token is not signed with a key of the issuer';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return "the token's signature is not valid";
    default:
      return 'the token is not a well-formed signed JWT';
  }
}

/**
 * Access tokens of the clinic's OpenID Connect issuer (AUTH_ISSUER_URL). At start-up it reads
 * the issuer's discovery document and key set, or the app does not start; it then verifies
 * each token in memory against the cached keys: signature (RS256, ES256 or PS256), `iss`,
 * `aud` (AUTH_AUDIENCE), `exp` and `nbf` (with AUTH_CLOCK_TOLERANCE_SECONDS), and maps the
 * claims to an actor. A token signed with a key id it has not seen makes it fetch the keys
 * again (the issuer rotated them), at most once per cooldown, and the keys are fetched again
 * every few minutes; a failed fetch keeps the keys it has.
 *
 * A worker (RUN_HTTP=false) serves no authenticated route: it does not contact the issuer and
 * refuses every token.
 */
export class IssuerTokenVerifier extends TokenVerifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('IssuerTokenVerifier');
  private keys: IssuerKeySet | null = null;
  private refresher: NodeJS.Timeout | null = null;

  constructor(
    private readonly verification: IssuerVerification,
    private readonly contactsIssuer: boolean,
    private readonly timing: KeySetTiming = KEY_SET_TIMING,
  ) {
    super();
  }

  async onModuleInit(): Promise<void> {
    if (!this.contactsIssuer) return;
    const { jwksUri } = await discoverIssuer(this.verification.issuer);
    const keys = new IssuerKeySet(jwksUri, this.timing, (message) => this.logger.warn(message));
    try {
      await keys.load();
    } catch (error) {
      throw new ConfigError([`AUTH_ISSUER_URL "${this.verification.issuer}" cannot be used: its keys (${jwksUri.href}) could not be read (${(error as Error).message})`]);
    }
    this.keys = keys;
    this.refresher = setInterval(() => void keys.refresh(), KEY_SET_REFRESH_MS).unref();
  }

  onModuleDestroy(): void {
    if (this.refresher) clearInterval(this.refresher);
  }

  async verify(token: string): Promise<VerifiedAccessToken> {
    if (!this.keys) throw new InvalidToken('this instance verifies no tokens');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keyOf(this.keys), {
        algorithms: ISSUER_ALGORITHMS,
        issuer: this.verification.issuer,
        audience: this.verification.audience,
        clockTolerance: this.verification.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof InvalidToken) throw error;
      if (error instanceof errors.JOSEError) throw new InvalidToken(refusalOf(error));
      throw error;
    }
    return { actor: actorOfClaims(payload, this.verification.claims), expiresAt: new Date((payload.exp as number) * 1000) };
  }

  /** The issuer's key the header names; a header bringing a key of its own is refused before any lookup. */
  private keyOf(keys: IssuerKeySet): JWTVerifyGetKey {
    return (header, token) => {
      if (OWN_KEY_HEADERS.some((name) => Object.hasOwn(header, name))) throw new InvalidToken('the token names a key of its own, which this API never uses');
      return keys.keyFor(header, token);
    };
  }
}
