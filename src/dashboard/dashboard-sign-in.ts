import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { discoveryUrlOf } from '../shared/auth/issuer-discovery';
import { Problem } from '../shared/http/problem';

/**
 * How the page signs in: a pasted development token, or the authorization code flow with PKCE
 * (S256) at the clinic's identity provider as the public client `clientId`.
 */
export type DashboardSignInConfig =
  | { mode: 'development' }
  | { mode: 'oidc'; issuer: string; authorizationEndpoint: string; tokenEndpoint: string; endSessionEndpoint?: string; clientId: string; scope: string };

/** How long the page waits for the provider's discovery document before it answers 503. */
const DISCOVERY_TIMEOUT_MS = 5000;
/** A failure to read it is answered for this long (the 503's Retry-After) before the document is read again. */
const FAILURE_KEPT_MS = 5000;

/**
 * The endpoints the page needs from an issuer's discovery document, checked to be URLs of the
 * right scheme: where to sign in and get tokens, and, if the issuer offers one, where "Sign out"
 * ends the provider's session too (RP-initiated logout), so that the next person at a shared
 * desk is asked to sign in rather than let in as the one before.
 */
function endpointsOf(issuer: string, document: unknown): { authorizationEndpoint: string; tokenEndpoint: string; endSessionEndpoint?: string } {
  const found = document as { issuer?: unknown; authorization_endpoint?: unknown; token_endpoint?: unknown; end_session_endpoint?: unknown } | null;
  if (found?.issuer !== issuer) throw new Error(`its discovery document names another issuer (${String(found?.issuer)})`);
  const endpoint = (value: unknown, name: string): string => {
    const url = typeof value === 'string' ? URL.parse(value) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== new URL(issuer).protocol)) throw new Error(`its discovery document has no usable ${name}`);
    return url.href;
  };
  return {
    authorizationEndpoint: endpoint(found.authorization_endpoint, 'authorization_endpoint'),
    tokenEndpoint: endpoint(found.token_endpoint, 'token_endpoint'),
    ...(found.end_session_endpoint === undefined ? {} : { endSessionEndpoint: endpoint(found.end_session_endpoint, 'end_session_endpoint') }),
  };
}

/**
 * What the dashboard's page is told about signing in. With AUTH_ISSUER_URL, the provider's
 * endpoints come from its discovery document (`/.well-known/openid-configuration`), read once
 * and kept; while it cannot be read, the page is answered 503, and the document is read again
 * only once the 503's Retry-After has passed: a failing provider makes no page load wait for
 * it, nor is it asked once per page load.
 */
@Injectable()
export class DashboardSignIn {
  private discovered: Promise<DashboardSignInConfig> | undefined;
  /** When the last failed reading ended (monotonic milliseconds). */
  private failedAt = Number.NEGATIVE_INFINITY;

  constructor(@Inject(APP_CONFIG) private readonly app: AppConfig) {}

  forPage(): Promise<DashboardSignInConfig> {
    const issuer = this.app.authIssuerUrl;
    if (issuer === undefined) return Promise.resolve({ mode: 'development' });
    if (this.discovered === undefined || (this.failedAt !== Number.NEGATIVE_INFINITY && performance.now() - this.failedAt >= FAILURE_KEPT_MS)) {
      this.failedAt = Number.NEGATIVE_INFINITY;
      this.discovered = this.discover(issuer).catch((error: unknown) => {
        this.failedAt = performance.now();
        throw new Problem(503, 'identity-provider-unavailable', 'Identity provider unavailable', `The identity provider ${issuer} cannot be used: ${(error as Error).message}`, {}, { 'Retry-After': String(FAILURE_KEPT_MS / 1000) });
      });
    }
    return this.discovered;
  }

  /** The origins besides this app the page sends requests to: the provider's token endpoint's. */
  async connectOrigins(): Promise<string[]> {
    if (this.app.authIssuerUrl === undefined) return [];
    const signIn = await this.forPage().catch(() => undefined);
    return signIn?.mode === 'oidc' ? [new URL(signIn.tokenEndpoint).origin] : [];
  }

  private async discover(issuer: string): Promise<DashboardSignInConfig> {
    const response = await fetch(discoveryUrlOf(issuer), { redirect: 'error', signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`its discovery document answered ${response.status}`);
    return {
      mode: 'oidc',
      issuer,
      ...endpointsOf(issuer, await response.json()),
      clientId: this.app.authDashboardClientId,
      scope: this.app.authDashboardScope,
    };
  }
}
