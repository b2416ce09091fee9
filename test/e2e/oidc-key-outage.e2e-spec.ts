import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { connectLive, refusedLive } from '../support/live-client';
import { LocalIssuer, startOidcIssuer } from '../support/oidc-issuer';
import { startTestApp, TestApp } from '../support/test-app';

/** Handshakes refused for their token that one address may make before it is told to back off (LIVE_FAILED_HANDSHAKE_BURST). */
const FAILED_HANDSHAKE_BURST = 30;

describe("a flood of tokens with made-up key ids while the issuer's key set fails", () => {
  let issuer: LocalIssuer;
  let t: TestApp;

  beforeAll(async () => {
    issuer = await startOidcIssuer();
    t = await startTestApp({ env: { ...issuer.env, RATE_LIMIT_PER_MINUTE: '100000' } });
  });

  afterAll(async () => {
    await t.close();
    await issuer.close();
  });

  afterEach(async () => {
    await issuer.keySet('healthy');
  });

  const madeUpKid = () => issuer.sign({}, { header: { kid: `made-up-${randomUUID()}` } });

  /** Sends tokens with made-up key ids until the app has fetched the keys once more (its cooldown after the last fetch has passed). */
  async function untilTheAppFetchesTheKeys(): Promise<number> {
    const { fetches: before } = await issuer.keySet();
    return eventually(
      async () => {
        expect((await t.http.get('/doctors', await madeUpKid())).status).toBe(401);
        const { fetches } = await issuer.keySet();
        expect(fetches).toBeGreaterThan(before);
        return fetches;
      },
      20_000,
      250,
    );
  }

  it.each<'failing' | 'hanging'>(['failing', 'hanging'])('while it is %s: every request is refused with 401, and the app fetches the keys at most twice', async (mode) => {
    const signedIn = (await issuer.signInAs('greta.desk')).accessToken;
    await issuer.keySet(mode);
    const fetchedAt = await untilTheAppFetchesTheKeys();

    const flood = await Promise.all(Array.from({ length: 40 }, async () => t.http.get('/doctors', await madeUpKid())));
    for (const response of flood) {
      expect(response.status).toBe(401);
      expect(response.body.type).toBe('/problems/unauthorized');
      expect(response.body.detail).toMatch(/not signed with a key of the issuer|could not be fetched/);
    }
    for (let i = 0; i < 10; i++) expect((await t.http.get('/doctors', await madeUpKid())).status).toBe(401);
    // A fetch may start when the cooldown ends during the flood, never one per request.
    expect((await issuer.keySet()).fetches - fetchedAt).toBeLessThanOrEqual(2);
    // A token of a key the app holds is verified from memory meanwhile.
    expect((await t.http.get('/doctors', signedIn)).status).toBe(200);
  });

  it('refuses /live handshakes with made-up key ids, and past a burst per address answers rate-limited, while valid tokens still connect', async () => {
    await issuer.keySet('failing');
    const messages: string[] = [];
    for (let i = 0; i < FAILED_HANDSHAKE_BURST + 5; i++) messages.push((await refusedLive(t.baseUrl, { token: await madeUpKid() })).message);
    expect(messages.slice(0, FAILED_HANDSHAKE_BURST).every((message) => message.startsWith('unauthorized: '))).toBe(true);
    const limited = await refusedLive(t.baseUrl, { token: await madeUpKid() });
    expect(limited.message).toMatch(/^rate-limited: Too many refused live connections from this address; retry in \d+ s$/);
    expect(limited.problem).toMatchObject({ status: 429, retryAfter: expect.any(Number) });

    const client = await connectLive(t.baseUrl, { token: (await issuer.signInAs('greta.desk')).accessToken });
    expect(client.socket.connected).toBe(true);
    client.close();
  });
});
