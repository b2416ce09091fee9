import { ConfigError, isLoopback } from '../../config/app-config';

/** How long the start-up waits for the issuer's discovery document. */
const DISCOVERY_TIMEOUT_MS = 10_000;

/** What the API takes from an issuer's OpenID Connect discovery document. */
export interface IssuerMetadata {
  issuer: string;
  jwksUri: URL;
}

/** Where the discovery document of `issuer` is (OpenID Connect Discovery 1.0, section 4: a trailing slash is dropped first). */
export function discoveryUrlOf(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
}

const unusable = (issuer: string, why: string) => new ConfigError([`AUTH_ISSUER_URL "${issuer}" cannot be used: ${why}`]);

/**
 * Reads the issuer's discovery document at start-up. The app does not start (a ConfigError
 * naming AUTH_ISSUER_URL) when the issuer cannot be reached, answers no discovery document, or
 * names itself otherwise than AUTH_ISSUER_URL (tokens carry the issuer's own name in `iss`, so
 * they would all be refused), or when its keys are not served over https (http only on a
 * loopback address, as for the issuer).
 */
export async function discoverIssuer(issuer: string): Promise<IssuerMetadata> {
  const url = discoveryUrlOf(issuer);
  let document: unknown;
  try {
    const response = await fetch(url, { redirect: 'error', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (response.status !== 200) throw unusable(issuer, `its discovery document ${url} answered HTTP ${response.status}`);
    document = await response.json();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const cause = (error as Error).cause instanceof Error ? `: ${((error as Error).cause as Error).message}` : '';
    throw unusable(issuer, `its discovery document ${url} could not be read (${(error as Error).message}${cause})`);
  }
  const { issuer: named, jwks_uri: jwksUri } = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
  if (named !== issuer) {
    throw unusable(issuer, `its discovery document names the issuer ${JSON.stringify(named)}; set AUTH_ISSUER_URL to exactly that value`);
  }
  let keys: URL;
  try {
    keys = new URL(typeof jwksUri === 'string' ? jwksUri : '');
  } catch {
    throw unusable(issuer, 'its discovery document has no valid jwks_uri');
  }
  if (!(keys.protocol === 'https:' || (keys.protocol === 'http:' && isLoopback(keys.hostname)))) {
    throw unusable(issuer, `its keys (jwks_uri ${keys.href}) must be served over https`);
  }
  return { issuer, jwksUri: keys };
}
