import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { exportJWK, exportSPKI, generateKeyPair, JWK, SignJWT } from 'jose';
import { ConfigError } from '../../config/app-config';
import { IssuerTokenVerifier } from './issuer-token-verifier';
import { InvalidToken } from './token-errors';

const AUDIENCE = 'https://api.clinic.test';
const COOLDOWN_MS = 60_000;

type KeysMode = 'healthy' | 'failing' | 'hanging';

/** An issuer on a loopback port whose key set can fail or hang on demand, counting its fetches. */
interface FakeIssuer {
  issuer: string;
  mode: KeysMode;
  /** The key set it publishes while healthy. */
  published: JWK[];
  /** What its discovery document says, over its usual fields. */
  discovery: Record<string, unknown>;
  keyFetches: number;
  server: Server;
}

async function fakeIssuer(published: JWK[]): Promise<FakeIssuer> {
  const fake = { mode: 'healthy', published, discovery: {}, keyFetches: 0 } as FakeIssuer;
  fake.server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const json = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.url === '/.well-known/openid-configuration') return json(200, { issuer: fake.issuer, jwks_uri: `${fake.issuer}/jwks`, ...fake.discovery });
    if (request.url !== '/jwks') return json(404, {});
    fake.keyFetches++;
    if (fake.mode === 'failing') return json(500, { error: 'unavailable' });
    if (fake.mode === 'healthy') return json(200, { keys: fake.published });
    // Hanging: answers nothing; the connection is closed when the server closes.
  });
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  fake.issuer = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  return fake;
}

async function signingKey(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

describe('the issuer token verifier', () => {
  let issuer: FakeIssuer;
  let key: Awaited<ReturnType<typeof signingKey>>;
  let verifier: IssuerTokenVerifier;
  let clock: number;
  let warnings: string[];

  const claims = () => ({ iss: issuer.issuer, aud: AUDIENCE, sub: 'desk-1', roles: ['staff'] });
  const tokenOf = (signer: Pick<Awaited<ReturnType<typeof signingKey>>, 'kid' | 'privateKey'>, header: Record<string, unknown> = {}) =>
    new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: signer.kid, ...header }).setExpirationTime('5m').sign(signer.privateKey);
  /** A token signed with the issuer's key but naming a key id it never published, as a flood of made-up tokens does. */
  const randomKidToken = () => tokenOf({ kid: `made-up-${Math.random().toString(36).slice(2)}`, privateKey: key.privateKey });
  const refusal = (token: string) => verifier.verify(token).then(
    () => null,
    (error: unknown) => error,
  );
  const started = async (timeoutMs = 300) => {
    const made = new IssuerTokenVerifier(
      { issuer: issuer.issuer, audience: AUDIENCE, clockToleranceSeconds: 0, claims: { roles: 'roles', doctorId: 'doctorId', patientId: 'patientId' } },
      true,
      { refetchCooldownMs: COOLDOWN_MS, timeoutMs, now: () => clock },
    );
    await made.onModuleInit();
    return made;
  };

  beforeEach(async () => {
    key = await signingKey('issuer-key-1');
    issuer = await fakeIssuer([key.publicJwk]);
    clock = 0;
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    verifier = await started();
  });

  afterEach(async () => {
    verifier.onModuleDestroy();
    jest.restoreAllMocks();
    issuer.server.closeAllConnections();
    await new Promise((resolve) => issuer.server.close(resolve));
  });

  describe('given a flood of tokens with made-up key ids', () => {
    it.each<KeysMode>(['failing', 'hanging'])('while the key set is %s: one fetch per cooldown, every token refused, one warning', async (mode) => {
      expect(issuer.keyFetches).toBe(1);
      issuer.mode = mode;
      clock += COOLDOWN_MS;

      const atOnce = await Promise.all(Array.from({ length: 25 }, async () => refusal(await randomKidToken())));
      const oneAfterAnother: unknown[] = [];
      for (let i = 0; i < 25; i++) oneAfterAnother.push(await refusal(await randomKidToken()));

      for (const error of [...atOnce, ...oneAfterAnother]) expect(error).toBeInstanceOf(InvalidToken);
      expect(issuer.keyFetches).toBe(2);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/Could not fetch the issuer's keys/);
      // A token of a key held is still accepted meanwhile, from memory.
      expect((await verifier.verify(await tokenOf(key))).actor).toMatchObject({ userId: 'desk-1', role: 'staff' });

      // After the cooldown, one more fetch for the whole flood, and still one warning per cooldown.
      clock += COOLDOWN_MS;
      await Promise.all(Array.from({ length: 10 }, async () => expect(await refusal(await randomKidToken())).toBeInstanceOf(InvalidToken)));
      expect(issuer.keyFetches).toBe(3);
      expect(warnings).toHaveLength(2);
    });

    it('while the key set is healthy: no fetch within the cooldown after the start-up one, one after it', async () => {
      for (let i = 0; i < 25; i++) expect(await refusal(await randomKidToken())).toBeInstanceOf(InvalidToken);
      expect(issuer.keyFetches).toBe(1);
      clock += COOLDOWN_MS;
      await Promise.all(Array.from({ length: 25 }, async () => expect(await refusal(await randomKidToken())).toBeInstanceOf(InvalidToken)));
      expect(issuer.keyFetches).toBe(2);
      expect(warnings).toEqual([]);
    });
  });

  it('given a key rotation after the key set failed, then the new key is accepted once the cooldown has passed', async () => {
    const rotated = await signingKey('issuer-key-2');
    issuer.mode = 'failing';
    clock += COOLDOWN_MS;
    expect(await refusal(await tokenOf(rotated))).toBeInstanceOf(InvalidToken);
    issuer.published = [rotated.publicJwk, key.publicJwk];
    issuer.mode = 'healthy';
    expect(await refusal(await tokenOf(rotated))).toBeInstanceOf(InvalidToken);
    clock += COOLDOWN_MS;
    expect((await verifier.verify(await tokenOf(rotated))).actor.role).toBe('staff');
    expect((await verifier.verify(await tokenOf(key))).actor.role).toBe('staff');
  });

  it.each([
    ['jwk', async (attacker: Awaited<ReturnType<typeof signingKey>>) => attacker.publicJwk],
    ['jku', async () => 'https://attacker.example/jwks'],
    ['x5u', async () => 'https://attacker.example/cert.pem'],
    ['x5c', async () => ['MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA']],
  ])('given a token whose "%s" header brings its own key, then it is refused without a fetch', async (name, value) => {
    const attacker = await signingKey('attacker-key');
    clock += COOLDOWN_MS;
    for (const kid of [key.kid, attacker.kid]) {
      const token = await tokenOf({ kid, privateKey: attacker.privateKey }, { [name]: await value(attacker) });
      const error = await refusal(token);
      expect(error).toBeInstanceOf(InvalidToken);
      expect((error as Error).message).toBe('the token names a key of its own, which this API never uses');
    }
    expect(issuer.keyFetches).toBe(1);
  });

  it("given an HS256 token signed with the issuer's public key as the secret, then it is refused before any key is looked up", async () => {
    clock += COOLDOWN_MS;
    const secrets = [new TextEncoder().encode(await exportSPKI(key.publicKey)), new TextEncoder().encode(JSON.stringify(key.publicJwk)), Buffer.from(key.publicJwk.n as string, 'base64url')];
    for (const secret of secrets) {
      const forged = await new SignJWT({ ...claims(), roles: ['admin'] }).setProtectedHeader({ alg: 'HS256', kid: key.kid }).setExpirationTime('5m').sign(secret);
      const error = await refusal(forged);
      expect(error).toBeInstanceOf(InvalidToken);
      expect((error as Error).message).toBe('the token is not signed with one of RS256, ES256, PS256');
    }
    expect(issuer.keyFetches).toBe(1);
  });

  describe('at start-up', () => {
    it.each(['http://keys.clinic.example/jwks', 'http://127.0.0.1.example.com/jwks', 'ftp://127.0.0.1/jwks'])('refuses a key set at %s (not https, off loopback)', async (jwksUri) => {
      issuer.discovery = { jwks_uri: jwksUri };
      const attempt = started();
      await expect(attempt).rejects.toBeInstanceOf(ConfigError);
      await expect(attempt).rejects.toThrow(`its keys (jwks_uri ${jwksUri}) must be served over https`);
    });

    it('does not start while the key set fails or hangs', async () => {
      issuer.mode = 'failing';
      await expect(started()).rejects.toThrow(/its keys \(.*\/jwks\) could not be read \(.*answered HTTP 500\)/);
      issuer.mode = 'hanging';
      await expect(started()).rejects.toThrow(/its keys \(.*\/jwks\) could not be read/);
    });
  });
});
