import { loadConfig } from '../config/app-config';
import { Problem } from '../shared/http/problem';
import { DashboardSignIn } from './dashboard-sign-in';

const ISSUER = 'https://login.clinic.example/realms/clinic';

function withIssuer() {
  return new DashboardSignIn(loadConfig({ AUTH_ISSUER_URL: ISSUER, AUTH_AUDIENCE: 'clinic-api', AUTH_DASHBOARD_SCOPE: 'openid profile clinic-api' }));
}

function discoveryAnswers(...answers: Array<Record<string, unknown> | number>) {
  const fetch = jest.spyOn(globalThis, 'fetch');
  for (const answer of answers) {
    fetch.mockResolvedValueOnce(typeof answer === 'number' ? new Response('down', { status: answer }) : Response.json(answer));
  }
  return fetch;
}

const DISCOVERY = { issuer: ISSUER, authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`, token_endpoint: `${ISSUER}/protocol/openid-connect/token` };

describe('How the dashboard signs in', () => {
  afterEach(() => jest.restoreAllMocks());

  it('given no issuer, then a pasted development token, and the page reaches nothing besides the app', async () => {
    const signIn = new DashboardSignIn(loadConfig({}));
    expect(await signIn.forPage()).toEqual({ mode: 'development' });
    expect(await signIn.connectOrigins()).toEqual([]);
  });

  it("given an issuer, then its endpoints from its discovery document (read once), the public client and the scopes; the page may reach its token endpoint's origin", async () => {
    const fetch = discoveryAnswers(DISCOVERY);
    const signIn = withIssuer();
    expect(await signIn.forPage()).toEqual({
      mode: 'oidc',
      issuer: ISSUER,
      authorizationEndpoint: DISCOVERY.authorization_endpoint,
      tokenEndpoint: DISCOVERY.token_endpoint,
      clientId: 'front-desk',
      scope: 'openid profile clinic-api',
    });
    expect(await signIn.connectOrigins()).toEqual(['https://login.clinic.example']);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0]).toBe(`${ISSUER}/.well-known/openid-configuration`);
  });

  it('given an issuer that offers an end_session_endpoint, then the page is told it, to end the provider session on sign-out; an unusable one is a 503', async () => {
    const endSessionEndpoint = `${ISSUER}/protocol/openid-connect/logout`;
    discoveryAnswers({ ...DISCOVERY, end_session_endpoint: endSessionEndpoint });
    expect(await withIssuer().forPage()).toMatchObject({ mode: 'oidc', endSessionEndpoint });
    discoveryAnswers({ ...DISCOVERY, end_session_endpoint: 'javascript:alert(1)' });
    await expect(withIssuer().forPage()).rejects.toMatchObject({ status: 503, detail: expect.stringMatching(/no usable end_session_endpoint/) });
  });

  it.each([
    ['the provider answers 500', 500, /answered 500/],
    ['the document names another issuer', { ...DISCOVERY, issuer: 'https://evil.example' }, /another issuer/],
    ['the token endpoint is plain http', { ...DISCOVERY, token_endpoint: 'http://login.clinic.example/token' }, /no usable token_endpoint/],
    ['there is no authorization endpoint', { ...DISCOVERY, authorization_endpoint: undefined }, /no usable authorization_endpoint/],
  ])('given %s, then 503 identity-provider-unavailable for 5 s without asking again, the page reaches nothing more, and then the document is read again', async (_case, answer, detail) => {
    let clock = 1_000;
    jest.spyOn(performance, 'now').mockImplementation(() => clock);
    const fetch = discoveryAnswers(answer, DISCOVERY);
    const signIn = withIssuer();
    const refusal = await signIn.forPage().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Problem);
    expect(refusal).toMatchObject({ status: 503, code: 'identity-provider-unavailable', headers: { 'Retry-After': '5' } });
    expect((refusal as Problem).detail).toMatch(detail);
    clock += 4_999;
    for (let load = 0; load < 20; load++) await expect(signIn.forPage()).rejects.toBe(refusal);
    expect(await signIn.connectOrigins()).toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(1);
    clock += 1;
    expect((await signIn.forPage()).mode).toBe('oidc');
    expect(await signIn.forPage()).toMatchObject({ mode: 'oidc' });
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
