import { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { bookingBody, demo } from '../support/demo';
import { startTestApp, TestApp } from '../support/test-app';

describe("The dashboard opens on today in the clinic's time zone", () => {
  // Unset when the browser could not be started: the suite fails and nothing is left to close.
  let browser: Browser | undefined;
  let t: TestApp | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("given 23:30 UTC, already tomorrow in Berlin where the doctors work, when the front desk opens the dashboard, then it shows Berlin's day and its appointments", async () => {
    t = await startTestApp({ now: '2027-03-21T23:30:00Z' });
    const staff = t.tokenFor({ role: 'staff' });
    const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-22T09:00:00+01:00' }));
    expect(booked.status).toBe(201);

    const page = await browser!.newPage({ timezoneId: 'UTC' });
    await page.clock.setFixedTime(new Date('2027-03-21T23:30:00Z'));
    await page.goto(`${t.baseUrl}/dashboard`);
    expect(await page.inputValue('#day')).toBe('2027-03-22');
    expect(await page.textContent('#zone')).toBe('Europe/Berlin');

    await page.fill('#token', staff);
    await page.click('#signin button[type=submit]');
    await page.locator(`.column[data-doctor-id="${demo.weber.id}"] .card[data-appointment-id="${booked.body.id}"]`).waitFor();
    await page.close();
  });

  it('given CLINIC_TIMEZONE=America/New_York and 03:30 UTC, still yesterday there, when the dashboard opens, then it shows the New York day', async () => {
    t = await startTestApp({ now: '2027-03-22T03:30:00Z', env: { CLINIC_TIMEZONE: 'America/New_York' } });
    const page = await browser!.newPage({ timezoneId: 'Asia/Tokyo' });
    await page.goto(`${t.baseUrl}/dashboard`);
    expect(await page.inputValue('#day')).toBe('2027-03-21');
    expect(await page.textContent('#zone')).toBe('America/New_York');
    await page.close();
  });

  it('given a date in the address, when the dashboard opens, then that day is shown', async () => {
    t = await startTestApp({ now: '2027-03-21T23:30:00Z' });
    const page = await browser!.newPage();
    await page.goto(`${t.baseUrl}/dashboard?date=2027-04-01`);
    expect(await page.inputValue('#day')).toBe('2027-04-01');
    await page.close();
  });
});
