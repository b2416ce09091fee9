import { Browser, Page } from 'playwright-core';
import { artifactPath, launchChromium } from '../support/chromium';
import { demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { appointmentIdAt, deskOn, fillBooking, SCREENS } from '../support/front-desk';
import { LocalIssuer, startOidcIssuer } from '../support/oidc-issuer';
import { startTestApp, TestApp } from '../support/test-app';

describe("The front desk signs in with the clinic's identity provider (authorization code with PKCE), in a real browser", () => {
  let issuer: LocalIssuer | undefined;
  let t: TestApp | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // A doctor's account whose doctorId was never set: the API refuses every token of it.
    issuer = await startOidcIssuer({ users: { 'dr.noid': { roles: ['doctor'], name: 'Dr. No Id' } } });
    // The API's own scope, as a clinic would add it to the dashboard's client at its provider.
    t = await startTestApp({ now: '2027-03-22T06:00:00Z', env: { ...issuer.env, AUTH_DASHBOARD_SCOPE: 'openid profile api' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await issuer?.close();
  });

  it("tells the page the issuer's endpoints and the public client, and lets the page reach only the issuer's token endpoint besides the app", async () => {
    const config = await t!.http.get('/dashboard/config');
    expect(config.status).toBe(200);
    expect(config.body).toEqual({
      mode: 'oidc',
      issuer: issuer!.issuer,
      authorizationEndpoint: `${issuer!.issuer}/auth`,
      tokenEndpoint: `${issuer!.issuer}/token`,
      endSessionEndpoint: `${issuer!.issuer}/session/end`,
      clientId: 'front-desk',
      scope: 'openid profile api',
    });
    const page = await fetch(`${t!.baseUrl}/dashboard`);
    expect(page.status).toBe(200);
    const policy = page.headers.get('content-security-policy')!.split('; ');
    // Its own websocket only ('self'): no ws: or wss: to any other host.
    expect(policy).toContain(`connect-src 'self' ${issuer!.issuer}`);
    expect(policy).toContain("script-src 'self'");
  });

  it('signs in at the provider and comes back to the day it left, with a token the API takes; what the desk books names the person', async () => {
    const context = await browser!.newContext({ viewport: SCREENS.desktop });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${t!.baseUrl}/dashboard?date=2027-03-22`);
    expect(await page.locator('#token').isVisible()).toBe(false);
    await page.getByRole('button', { name: "Sign in with the clinic's account" }).click();

    // The provider's own pages: its login, then its consent.
    await page.waitForURL((url) => url.origin === issuer!.issuer);
    await page.locator('input[name="login"]').fill('greta.desk');
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: /continue/i }).click();

    await page.waitForURL(`${t!.baseUrl}/dashboard?date=2027-03-22`);
    await page.locator('#connection[data-state="live"]').waitFor();
    await page.locator('#signed-in-as').filter({ hasText: 'Signed in as Greta Desk' }).waitFor();
    expect(await page.inputValue('#day')).toBe('2027-03-22');
    await page.screenshot({ path: artifactPath('front-desk-signed-in.png'), fullPage: true });

    const desk = deskOn(context, page);
    await fillBooking(page, { type: 'Consultation (20 min)', room: 'Consultation room 1', doctor: 'Dr. Anna Weber · General practice', time: '10:00', patientSearch: 'mia', patient: 'Mia Schneider', title: 'Back pain' });
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    const id = await appointmentIdAt(page, demo.weber.id, '10:00–10:20', 'Mia Schneider');
    // The history names who booked as the API records them: the person signed in at the provider.
    const admin = (await issuer!.signInAs('adam.admin')).accessToken;
    const booker = await eventually(async () => {
      const history = await t!.http.get(`/appointments/${id}/history`, admin);
      expect(history.status).toBe(200);
      return history.body.items[0].actor;
    });
    expect(booker).toMatchObject({ userId: 'greta.desk', role: 'staff', name: 'Greta Desk' });
    await desk.card(id).getByRole('button', { name: /^Manage/ }).click();
    await page.getByRole('dialog').locator('#panel-history li').filter({ hasText: /^Booked by Greta Desk \(staff\), 20\d\d-/ }).waitFor();

    // Signing out ends the provider's session too (RP-initiated logout), back to /dashboard, and the page keeps no token.
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.origin === issuer!.issuer && url.pathname === '/session/end');
    const endSession = new URL(page.url()).searchParams;
    expect(endSession.get('client_id')).toBe('front-desk');
    expect(endSession.get('post_logout_redirect_uri')).toBe(`${t!.baseUrl}/dashboard`);
    expect(endSession.get('id_token_hint')).toMatch(/^eyJ/);
    await page.goto(`${t!.baseUrl}/dashboard`);
    await page.getByRole('button', { name: "Sign in with the clinic's account" }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('clinic.token')")).toBeNull();
    await desk.close();
  });

  /** Signs in at the provider's pages as `login`, from a page showing the dashboard's sign-in. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.getByRole('button', { name: "Sign in with the clinic's account" }).click();
    await page.waitForURL((url) => url.origin === issuer!.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: /continue/i }).click();
  }

  it('given a token the API refuses, then the page refreshes it once for all its requests, and signs out with the API\'s reason when the new one is refused too', async () => {
    const page = await browser!.newPage();
    const grants: string[] = [];
    const apiRefusals: string[] = [];
    page.on('request', (request) => {
      if (request.url() === `${issuer!.issuer}/token` && request.method() === 'POST') grants.push(new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '');
    });
    page.on('response', (response) => {
      if (response.url().startsWith(t!.baseUrl) && response.status() === 401) apiRefusals.push(response.url());
    });
    await page.goto(`${t!.baseUrl}/dashboard?date=2027-03-22`);
    await signInAtProvider(page, 'dr.noid');

    await page.locator('#signin-error').filter({ hasText: /^The token was refused: .*doctor/ }).waitFor();
    expect(await page.locator('#workspace').isHidden()).toBe(true);
    expect(grants).toEqual(['authorization_code', 'refresh_token']);
    // The board's first requests, refused together, and each sent once more with the refreshed token: no loop.
    expect(apiRefusals.length).toBeGreaterThan(0);
    expect(apiRefusals.length).toBeLessThanOrEqual(6);
    expect(await page.evaluate("sessionStorage.getItem('clinic.token')")).toBeNull();
    await page.close();
  });

  it('given a crafted return with an error and a state this tab did not send, then a signed-in tab keeps its token and shows none of its text', async () => {
    const context = await browser!.newContext({ viewport: SCREENS.desktop });
    const page = await context.newPage();
    await page.goto(`${t!.baseUrl}/dashboard?date=2027-03-22`);
    await signInAtProvider(page, 'greta.desk');
    await page.locator('#connection[data-state="live"]').waitFor();
    const token = await page.evaluate("sessionStorage.getItem('clinic.token')");

    await page.goto(`${t!.baseUrl}/dashboard?error=access_denied&error_description=${encodeURIComponent('Session expired, call IT on +1 555 0100')}&state=forged-state`);
    await page.locator('#connection[data-state="live"]').waitFor();
    expect(page.url()).toBe(`${t!.baseUrl}/dashboard`);
    expect(await page.evaluate("sessionStorage.getItem('clinic.token')")).toBe(token);
    expect(await page.locator('body').innerText()).not.toContain('call IT');
    await context.close();
  });

  it('given a crafted return with an error and no sign-in pending in a signed-out tab, then only the page\'s own words, never the link\'s', async () => {
    const page = await browser!.newPage();
    await page.goto(`${t!.baseUrl}/dashboard?error=access_denied&error_description=${encodeURIComponent('Session expired, call IT on +1 555 0100')}&state=forged-state`);
    await page.locator('#signin-error').filter({ hasText: 'could not be completed' }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('call IT');
    await page.close();
  });

  it('given a return from the provider with a state this tab did not send, then no token is asked for and the sign-in is offered again', async () => {
    const page = await browser!.newPage();
    let exchanged = false;
    page.on('request', (request) => {
      if (request.url() === `${issuer!.issuer}/token`) exchanged = true;
    });
    await page.goto(`${t!.baseUrl}/dashboard?code=forged-code&state=forged-state`);
    await page.locator('#signin-error').filter({ hasText: 'could not be completed' }).waitFor();
    expect(page.url()).toBe(`${t!.baseUrl}/dashboard`);
    expect(exchanged).toBe(false);
    await page.close();
  });
});
