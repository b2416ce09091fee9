import { ChildProcess, fork } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, JWK, JWTPayload, SignJWT } from 'jose';
import { DEMO_CLINIC } from '../../src/database/demo-data';

/** The audience (resource indicator) the local issuer's access tokens are for, unless asked otherwise. */
export const TEST_AUDIENCE = 'https://api.clinic.test';
/** A second resource server of the issuer, whose tokens this API must refuse. */
export const OTHER_AUDIENCE = 'https://billing.clinic.test';
/** The public client the dashboard signs in with (AUTH_DASHBOARD_CLIENT_ID's default). */
export const DASHBOARD_CLIENT_ID = 'front-desk';
/** The redirect URI a sign-in uses by default: the issuer accepts it on any loopback port. */
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1/dashboard';

/** A person of the local issuer: signs in with `id` as login (any password). */
export interface IssuerUser {
  /** Written as realm_access.roles, as Keycloak does. */
  roles: string[];
  name?: string;
  username?: string;
  doctorId?: string;
  patientId?: string;
}

/** A service (client credentials) of the local issuer, and the algorithm its tokens are signed with. */
export interface IssuerService {
  secret: string;
  roles: string[];
  alg?: 'RS256' | 'ES256' | 'PS256';
}

/** The people and services every local issuer knows (the doctor and the patient are the demo clinic's first); a test may add its own. */
export const ISSUER_USERS: Record<string, IssuerUser> = {
  'greta.desk': { roles: ['staff', 'offline_access'], name: 'Greta Desk', username: 'greta' },
  'adam.admin': { roles: ['admin', 'staff'], name: 'Adam Admin', username: 'adam' },
  'dr.weber': { roles: ['doctor'], name: 'Dr. Anna Weber', username: 'aweber', doctorId: DEMO_CLINIC.doctors[0].id },
  'mia.patient': { roles: ['patient'], name: 'Mia Schneider', username: 'mia', patientId: DEMO_CLINIC.patients[0].id },
  'no.role': { roles: ['offline_access', 'uma_authorization'], name: 'Nora Norole' },
};
export const ISSUER_SERVICES: Record<string, IssuerService> = {
  'reporting-service': { secret: 'reporting-service-secret', roles: ['service'] },
  'es256-service': { secret: 'es256-service-secret', roles: ['service'], alg: 'ES256' },
  'ps256-service': { secret: 'ps256-service-secret', roles: ['service'], alg: 'PS256' },
};

export interface SignedInUser {
  accessToken: string;
  idToken: string | undefined;
}

export interface LocalIssuer {
  /** The issuer's identifier, `http://127.0.0.1:<port>`: AUTH_ISSUER_URL. */
  issuer: string;
  /** The environment an app needs to accept this issuer's tokens. */
  env: Record<string, string>;
  /** A service's access token by the client credentials grant. */
  clientCredentials(service: string, options?: { resource?: string }): Promise<string>;
  /** A user's access token by the authorization code grant with PKCE, signed in through the issuer's pages over HTTP. */
  signInAs(user: string, options?: { resource?: string; redirectUri?: string; scope?: string }): Promise<SignedInUser>;
  /** The issuer starts signing with a new RS256 key and publishes it with the ones it had; answers its key id. */
  rotateKeys(): Promise<string>;
  /** How its key set answers from now on (healthy, failing with HTTP 500, or hanging without an answer); resolves with the key set requests it has had. */
  keySet(mode?: 'healthy' | 'failing' | 'hanging'): Promise<{ fetches: number }>;
  /** A token signed with the issuer's current RS256 key, with the claims given over its usual ones: for refusals no grant would give. */
  sign(claims: JWTPayload, options?: { header?: Record<string, unknown> }): Promise<string>;
  close(): Promise<void>;
}

interface SigningKey {
  privateJwk: JWK;
  kid: string;
}

async function signingKey(alg: 'RS256' | 'ES256' | 'PS256'): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-${randomUUID()}`;
  return { privateJwk: { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' }, kid };
}

/** Cookies of one browser-like sign-in, sent back on every request to the issuer. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * Starts the local issuer (test/support/oidc-issuer.mjs) in its own process and waits for it.
 * It knows ISSUER_USERS and ISSUER_SERVICES besides `users` and `services`, issues tokens for
 * TEST_AUDIENCE and OTHER_AUDIENCE, and signs with RS256, ES256 and PS256 keys of its own.
 */
export async function startOidcIssuer(options: { users?: Record<string, IssuerUser>; services?: Record<string, IssuerService> } = {}): Promise<LocalIssuer> {
  let keys: SigningKey[] = await Promise.all([signingKey('RS256'), signingKey('ES256'), signingKey('PS256')]);
  const child: ChildProcess = fork(join(__dirname, 'oidc-issuer.mjs'), [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const nextMessage = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error(`The local issuer exited:\n${output}`)));
    });
  const ready = nextMessage<{ issuer: string }>('ready');
  child.send({
    audiences: [TEST_AUDIENCE, OTHER_AUDIENCE],
    keys: keys.map((key) => key.privateJwk),
    users: { ...ISSUER_USERS, ...options.users },
    services: { ...ISSUER_SERVICES, ...options.services },
    dashboardClientId: DASHBOARD_CLIENT_ID,
  });
  const { issuer } = await ready;

  const token = async (form: Record<string, string>, authorization?: string): Promise<Record<string, string>> => {
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
      body: new URLSearchParams(form),
    });
    const body = (await response.json()) as Record<string, string>;
    if (response.status !== 200) throw new Error(`The issuer's token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  };

  return {
    issuer,
    env: { AUTH_ISSUER_URL: issuer, AUTH_AUDIENCE: TEST_AUDIENCE, AUTH_ROLES_CLAIM: 'realm_access.roles' },

    async clientCredentials(service, { resource = TEST_AUDIENCE } = {}) {
      const { secret } = { ...ISSUER_SERVICES, ...options.services }[service];
      const basic = `Basic ${Buffer.from(`${service}:${secret}`).toString('base64')}`;
      return (await token({ grant_type: 'client_credentials', scope: 'api', resource }, basic)).access_token;
    },

    async signInAs(user, { resource = TEST_AUDIENCE, redirectUri = DEFAULT_REDIRECT_URI, scope = 'openid profile api' } = {}) {
      const verifier = base64url(randomBytes(32));
      const state = base64url(randomBytes(16));
      const authorize = new URL(`${issuer}/auth`);
      authorize.search = new URLSearchParams({
        client_id: DASHBOARD_CLIENT_ID,
        response_type: 'code',
        scope,
        redirect_uri: redirectUri,
        resource,
        state,
        code_challenge: base64url(createHash('sha256').update(verifier).digest()),
        code_challenge_method: 'S256',
      }).toString();
      const jar = new CookieJar();
      let next: { url: string; init?: RequestInit } = { url: authorize.href };
      // The browser's part: follow the redirects, sign in on the login page, confirm on the consent page.
      for (let step = 0; step < 20; step++) {
        const response = await fetch(next.url, { ...next.init, redirect: 'manual', headers: { ...(next.init?.headers as Record<string, string>), cookie: jar.header() } });
        jar.take(response);
        const location = response.headers.get('location');
        if (location) {
          const target = new URL(location, next.url);
          const redirect = new URL(redirectUri);
          if (target.origin === redirect.origin && target.pathname === redirect.pathname) {
            if (target.searchParams.get('state') !== state) throw new Error(`The issuer answered another state: ${target.href}`);
            const code = target.searchParams.get('code');
            if (!code) throw new Error(`The issuer refused the sign-in: ${target.href}`);
            const tokens = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: DASHBOARD_CLIENT_ID, code_verifier: verifier, resource });
            return { accessToken: tokens.access_token, idToken: tokens.id_token };
          }
          next = { url: target.href };
          continue;
        }
        const page = await response.text();
        const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
        const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
        if (response.status !== 200 || !action || !prompt) throw new Error(`Unexpected page from the issuer (${response.status}) at ${next.url}:\n${page.slice(0, 2000)}`);
        const form: Record<string, string> = prompt === 'login' ? { prompt, login: user, password: 'any-password' } : { prompt };
        next = {
          url: new URL(action.replace(/&amp;/g, '&'), next.url).href,
          init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() },
        };
      }
      throw new Error(`The sign-in of ${user} did not end at ${redirectUri}`);
    },

    async rotateKeys() {
      const fresh = await signingKey('RS256');
      keys = [fresh, ...keys];
      const rotated = nextMessage('rotated');
      child.send({ type: 'rotate', keys: keys.map((key) => key.privateJwk) });
      await rotated;
      return fresh.kid;
    },

    async keySet(mode) {
      const answered = nextMessage<{ fetches: number }>('keys');
      child.send({ type: 'keys', mode });
      return { fetches: (await answered).fetches };
    },

    async sign(claims, { header = {} } = {}) {
      const [current] = keys;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, aud: TEST_AUDIENCE, sub: 'crafted-user', iat: now, exp: now + 300, realm_access: { roles: ['staff'] }, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: current.kid, typ: 'at+jwt', ...header })
        .sign(await importJWK(current.privateJwk, 'RS256'));
    },

    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.disconnect();
        await exited;
      }
    },
  };
}
