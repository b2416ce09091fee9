import { TokenVerifier, VerifiedAccessToken } from './token-verifier';

interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
}

/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
function bearerTokenOf(request: RequestWithHeaders): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
}

/** The one verification of each request's bearer token, shared by the rate limit and the guard. */
const verifications = new WeakMap<object, Promise<VerifiedAccessToken>>();

/**
 * The verification of the request's `Authorization: Bearer <token>` (undefined without one),
 * done once per request: the rate limit (which runs first) and the authentication guard share
 * its result, so that a request costs one verification, and at most one key fetch.
 */
export function verifiedBearerToken(request: RequestWithHeaders, tokens: TokenVerifier): Promise<VerifiedAccessToken> | undefined {
  const known = verifications.get(request);
  if (known) return known;
  const token = bearerTokenOf(request);
  if (token === undefined) return undefined;
  const verification = tokens.verify(token);
  verifications.set(request, verification);
  return verification;
}
