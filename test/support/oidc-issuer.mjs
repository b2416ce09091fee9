// A local OpenID Connect issuer for the tests: oidc-provider (an ES module with many ES-module
// dependencies, hence a process of its own), listening on 127.0.0.1 on a free port. Started by
// test/support/oidc-issuer.ts over IPC, which sends its set-up and its key rotations:
//
//   set-up:  { audiences, keys, users, services, dashboardClientId }
//   rotate:  { type: 'rotate', keys }   the issuer signs with keys[0] and publishes every key
//   keys:    { type: 'keys', mode }     its key set (/jwks) answers: 'healthy', 'failing' (HTTP 500)
//                                       or 'hanging' (never); answered { type: 'keys', fetches }
//                                       with the number of key set requests so far
//
// Access tokens are JWTs for a resource indicator (one of `audiences`; the first one without
// `resource`), signed with RS256 unless a service asks for another algorithm. A user's token
// carries the user's claims (the role in realm_access.roles, as Keycloak writes it; doctorId,
// patientId, name, preferred_username), a service's token its own. Users sign in through the
// provider's development interactions: any password, the login being the user's id.
import { createServer } from 'node:http';
import { errors, Provider } from 'oidc-provider';

const ACCESS_TOKEN_TTL_SECONDS = 300;

/** The set-up, from the first IPC message. */
const setup = await new Promise((resolve) => process.once('message', resolve));

let provider;
let keysMode = 'healthy';
let keyFetches = 0;
const server = createServer((request, response) => {
  if (request.url === '/jwks') {
    keyFetches++;
    if (keysMode === 'failing') return response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
    // Hanging: no answer; the connection is closed with the server.
    if (keysMode === 'hanging') return undefined;
  }
  return provider.callback()(request, response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

function providerWith(keys) {
  const made = new Provider(issuer, {
    jwks: { keys },
    clients: [
      {
        client_id: setup.dashboardClientId,
        token_endpoint_auth_method: 'none',
        // A refresh token with every sign-in, as Keycloak gives one to a public client.
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // A native client: a loopback redirect URI matches on any port (RFC 8252 section 7.3),
        // so that the dashboard of a test app on a random port may sign in.
        application_type: 'native',
        redirect_uris: ['http://127.0.0.1/dashboard'],
        post_logout_redirect_uris: ['http://127.0.0.1/dashboard'],
      },
      ...Object.entries(setup.services).map(([clientId, service]) => ({
        client_id: clientId,
        client_secret: service.secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      })),
    ],
    clientBasedCORS: () => true,
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    cookies: { keys: ['oidc-issuer-test-cookie-key'] },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => oneOf ?? setup.audiences[0],
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          if (!setup.audiences.includes(resource)) throw new errors.InvalidTarget();
          return {
            scope: 'api',
            audience: resource,
            accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: setup.services[client.clientId]?.alg ?? 'RS256' } },
          };
        },
      },
    },
    findAccount: (_ctx, sub) => {
      const user = setup.users[sub];
      if (!user) return undefined;
      return { accountId: sub, claims: () => ({ sub, name: user.name, preferred_username: user.username }) };
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken' && token.kind !== 'ClientCredentials') return undefined;
      const user = token.accountId ? setup.users[token.accountId] : undefined;
      const claims = user ? user : setup.services[token.clientId];
      if (!claims) return undefined;
      const extra = { realm_access: { roles: claims.roles } };
      for (const claim of ['doctorId', 'patientId', 'name']) if (claims[claim] !== undefined) extra[claim] = claims[claim];
      if (claims.username !== undefined) extra.preferred_username = claims.username;
      return extra;
    },
  });
  return made;
}

provider = providerWith(setup.keys);
process.on('message', (message) => {
  if (message.type === 'keys') {
    keysMode = message.mode ?? keysMode;
    process.send({ type: 'keys', fetches: keyFetches });
    return;
  }
  if (message.type !== 'rotate') return;
  provider = providerWith(message.keys);
  process.send({ type: 'rotated' });
});
process.on('disconnect', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
process.send({ type: 'ready', issuer });
