import { decodeProtectedHeader, SignJWT } from 'jose';
import { signAccessToken } from '../../src/shared/auth/access-token';
import { eventually } from '../support/eventually';
import { connectLive, refusedLive } from '../support/live-client';
import { LocalIssuer, OTHER_AUDIENCE, startOidcIssuer, TEST_AUDIENCE } from '../support/oidc-issuer';
import { startTestApp, TestApp } from '../support/test-app';

const DOCTOR_ID = '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01';
const PATIENT_ID = '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001';
const OTHER_PATIENT_ID = '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800002';
const TOLERANCE_SECONDS = 30;

const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** What a refused token must answer: a 401 problem+json that names the reason in the caller's words. */
function expectUnauthorized(response: { status: number; headers: Headers; body: { type?: string; detail?: string } }, reason: RegExp): void {
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body.type).toBe('/problems/unauthorized');
  expect(response.body.detail).toMatch(reason);
  // Nothing of the verification's inside: no URL of the issuer, no library's wording, no key.
  expect(response.body.detail).not.toMatch(/https?:|127\.0\.0\.1|JWKS|JWS|jose|ERR_|claim timestamp|kid/);
}

describe('access tokens of the clinic OpenID Connect issuer', () => {
  let issuer: LocalIssuer;
  let otherIssuer: LocalIssuer;
  let t: TestApp;

  beforeAll(async () => {
    [issuer, otherIssuer] = await Promise.all([startOidcIssuer(), startOidcIssuer()]);
    t = await startTestApp({ env: { ...issuer.env, AUTH_CLOCK_TOLERANCE_SECONDS: String(TOLERANCE_SECONDS) } });
  });

  afterAll(async () => {
    await t.close();
    await Promise.all([issuer.close(), otherIssuer.close()]);
  });

  describe('tokens obtained by a real grant', () => {
    it('lets a service in with the client credentials grant, for the routes of its role only', async () => {
      const token = await issuer.clientCredentials('reporting-service');
      expect(decodeProtectedHeader(token).alg).toBe('RS256');
      expect((await t.http.get('/integration-events', token)).status).toBe(200);
      const doctors = await t.http.get('/doctors', token);
      expect(doctors.status).toBe(403);
      expect(doctors.body.type).toBe('/problems/forbidden');
    });

    it.each([['es256-service', 'ES256'], ['ps256-service', 'PS256']])('accepts a token of %s, signed with %s', async (service, alg) => {
      const token = await issuer.clientCredentials(service);
      expect(decodeProtectedHeader(token).alg).toBe(alg);
      expect((await t.http.get('/integration-events', token)).status).toBe(200);
    });

    it('signs staff in by the authorization code grant with PKCE, the role read from realm_access.roles', async () => {
      const { accessToken, idToken } = await issuer.signInAs('greta.desk');
      expect(idToken).toBeDefined();
      expect((await t.http.get('/doctors', accessToken)).status).toBe(200);
      // The ID token is for the dashboard's client, not for this API.
      expectUnauthorized(await t.http.get('/doctors', idToken), /another audience/);
    });

    it('takes the highest known role: an admin who is also staff may do what only admins may', async () => {
      const { accessToken } = await issuer.signInAs('adam.admin');
      const created = await t.http.post('/rooms', accessToken, { name: 'Room by the issuer' });
      expect(created.status).toBe(201);
    });

    it('maps a doctor and a patient to their records by their doctorId and patientId claims', async () => {
      const doctor = await issuer.signInAs('dr.weber');
      expect((await t.http.get(`/doctors/${DOCTOR_ID}/calendar-tokens`, doctor.accessToken)).status).toBe(200);
      const patient = await issuer.signInAs('mia.patient');
      expect((await t.http.get(`/patients/${PATIENT_ID}`, patient.accessToken)).status).toBe(200);
      // Another patient's record does not exist for a patient.
      expect((await t.http.get(`/patients/${OTHER_PATIENT_ID}`, patient.accessToken)).status).toBe(404);
    });

    it('answers 403 on every route to a valid token without a role of this API', async () => {
      const { accessToken } = await issuer.signInAs('no.role');
      for (const path of ['/doctors', '/appointments', '/integration-events', `/patients/${PATIENT_ID}`]) {
        const response = await t.http.get(path, accessToken);
        expect(response.status).toBe(403);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(response.body.type).toBe('/problems/forbidden');
        expect(response.body.detail).toMatch(/none of the roles of this API/);
      }
    });
  });

  describe('refused with 401 problem+json', () => {
    it('a token of another issuer, by a real grant for the same audience', async () => {
      expectUnauthorized(await t.http.get('/doctors', (await otherIssuer.signInAs('greta.desk')).accessToken), /not signed with a key of the issuer/);
      expectUnauthorized(await t.http.get('/integration-events', await otherIssuer.clientCredentials('reporting-service')), /not signed with a key of the issuer/);
      // Signed with this issuer's key but naming the other one.
      expectUnauthorized(await t.http.get('/doctors', await issuer.sign({ iss: otherIssuer.issuer })), /another issuer/);
    });

    it('a token of this issuer for another audience, by a real grant', async () => {
      expectUnauthorized(await t.http.get('/integration-events', await issuer.clientCredentials('reporting-service', { resource: OTHER_AUDIENCE })), /another audience/);
      const { accessToken } = await issuer.signInAs('greta.desk', { resource: OTHER_AUDIENCE });
      expectUnauthorized(await t.http.get('/doctors', accessToken), /another audience/);
    });

    it('an expired token, and one not valid yet, beyond the clock tolerance (within it, accepted)', async () => {
      expectUnauthorized(await t.http.get('/doctors', await issuer.sign({ exp: now() - TOLERANCE_SECONDS - 60 })), /expired/);
      expect((await t.http.get('/doctors', await issuer.sign({ exp: now() - TOLERANCE_SECONDS + 15 }))).status).toBe(200);
      expectUnauthorized(await t.http.get('/doctors', await issuer.sign({ nbf: now() + TOLERANCE_SECONDS + 60 })), /not valid yet/);
      expect((await t.http.get('/doctors', await issuer.sign({ nbf: now() + TOLERANCE_SECONDS - 15 }))).status).toBe(200);
    });

    it('a token without an expiry or a subject', async () => {
      expectUnauthorized(await t.http.get('/doctors', await issuer.sign({ exp: undefined })), /"exp" claim/);
      expectUnauthorized(await t.http.get('/doctors', await issuer.sign({ sub: undefined })), /"sub" claim/);
    });

    it('a none-signed token, with or without a signature part', async () => {
      const claims = { iss: issuer.issuer, aud: TEST_AUDIENCE, sub: 'intruder', exp: now() + 300, realm_access: { roles: ['admin'] } };
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      expectUnauthorized(await t.http.get('/doctors', unsigned), /not signed with one of RS256, ES256, PS256/);
      const withFakeSignature = `${base64url({ alg: 'none' })}.${base64url(claims)}.${Buffer.from('x').toString('base64url')}`;
      expectUnauthorized(await t.http.get('/doctors', withFakeSignature), /not signed with one of|well-formed/);
    });

    it('an HS256 token signed with JWT_SECRET: the development tokens, and one claiming to be the issuer', async () => {
      expectUnauthorized(await t.http.get('/doctors', signAccessToken({ userId: 'dev-staff', role: 'staff' }, t.config.jwtSecret)), /not signed with one of/);
      const forged = await new SignJWT({ realm_access: { roles: ['admin'] } })
        .setProtectedHeader({ alg: 'HS256', kid: decodeProtectedHeader(await issuer.sign({})).kid })
        .setIssuer(issuer.issuer)
        .setAudience(TEST_AUDIENCE)
        .setSubject('forger')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(t.config.jwtSecret));
      expectUnauthorized(await t.http.get('/doctors', forged), /not signed with one of/);
    });

    it('a token with a tampered payload, a key id the issuer never published, or no JWT at all', async () => {
      const [header, , signature] = (await issuer.sign({})).split('.');
      const tampered = `${header}.${base64url({ iss: issuer.issuer, aud: TEST_AUDIENCE, sub: 'x', exp: now() + 300, realm_access: { roles: ['admin'] } })}.${signature}`;
      expectUnauthorized(await t.http.get('/doctors', tampered), /signature is not valid/);
      const unknownKid = await issuer.sign({}, { header: { kid: 'never-published' } });
      expectUnauthorized(await t.http.get('/doctors', unknownKid), /not signed with a key of the issuer/);
      expectUnauthorized(await t.http.get('/doctors', 'not-a-jwt'), /well-formed/);
    });
  });

  describe('the /live handshake, verified the same way', () => {
    it('admits a signed-in user of the issuer', async () => {
      const client = await connectLive(t.baseUrl, { token: (await issuer.signInAs('greta.desk')).accessToken });
      expect(client.socket.connected).toBe(true);
      client.close();
    });

    it('refuses every token the HTTP API refuses, before sending any data', async () => {
      const unsigned = `${base64url({ alg: 'none' })}.${base64url({ iss: issuer.issuer, aud: TEST_AUDIENCE, sub: 'intruder', exp: now() + 300, realm_access: { roles: ['staff'] } })}.`;
      const refused = [
        (await otherIssuer.signInAs('greta.desk')).accessToken,
        (await issuer.signInAs('greta.desk', { resource: OTHER_AUDIENCE })).accessToken,
        await issuer.sign({ exp: now() - TOLERANCE_SECONDS - 60 }),
        await issuer.sign({ nbf: now() + TOLERANCE_SECONDS + 60 }),
        unsigned,
        signAccessToken({ userId: 'dev-staff', role: 'staff' }, t.config.jwtSecret),
        (await issuer.signInAs('no.role')).accessToken,
      ];
      for (const token of refused) {
        const { message, problem, received } = await refusedLive(t.baseUrl, { token });
        expect(message).toMatch(/^unauthorized: /);
        expect(problem).toMatchObject({ status: 401, title: 'Authentication required' });
        expect(problem?.detail).not.toMatch(/https?:|JWKS|jose|ERR_/);
        expect(received).toEqual([]);
      }
    });
  });

  describe('key rotation', () => {
    it('accepts tokens of a new key once the issuer publishes it, and those of the old key while it stays published', async () => {
      const before = (await issuer.signInAs('greta.desk')).accessToken;
      expect((await t.http.get('/doctors', before)).status).toBe(200);

      const newKid = await issuer.rotateKeys();
      const after = (await issuer.signInAs('greta.desk')).accessToken;
      expect(decodeProtectedHeader(after).kid).toBe(newKid);
      expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
      // A key id it has not seen makes the app fetch the keys again, at most every few seconds.
      await eventually(async () => expect((await t.http.get('/doctors', after)).status).toBe(200), 15_000, 250);
      expect((await t.http.get('/doctors', before)).status).toBe(200);
      const client = await connectLive(t.baseUrl, { token: after });
      client.close();
    });
  });
});
