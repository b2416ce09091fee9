import { appInBrowser, artifactPath } from '../support/chromium';
import { bookingBody, demo } from '../support/demo';

describe('Front-desk dashboard in a real browser', () => {
  const session = appInBrowser();

  it('shows nothing without a token, then the day per doctor, updating live without reload', async () => {
    const { t, browser } = session;
    const staff = t.tokenFor({ role: 'staff' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${t.baseUrl}/dashboard?date=2027-03-22`);
    await page.locator('#signin').waitFor({ state: 'visible' });
    expect(await page.locator('#board').isHidden()).toBe(true);
    expect(await page.locator('.card').count()).toBe(0);

    await page.fill('#token', 'not-a-token');
    await page.click('#signin button[type=submit]');
    await page.locator('#signin-error').filter({ hasText: 'refused' }).waitFor();

    await page.fill('#token', staff);
    await page.click('#signin button[type=submit]');
    await page.locator('#connection[data-state="live"]').waitFor();
    await page.locator(`.column[data-doctor-id="${demo.weber.id}"] h2`).filter({ hasText: 'Dr. Anna Weber' }).waitFor();

    const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-22T09:00:00+01:00' }));
    const card = page.locator(`.column[data-doctor-id="${demo.weber.id}"] .card[data-appointment-id="${booked.body.id}"]`);
    await card.waitFor();
    expect(await card.locator('.time').textContent()).toBe('09:00–09:20');
    expect(await card.locator('.patient').textContent()).toBe('Mia Schneider');
    expect(await card.getAttribute('data-status')).toBe('booked');

    await t.http.post(`/appointments/${booked.body.id}/cancel`, staff, { reason: 'Feeling better' });
    await page.locator(`.card[data-appointment-id="${booked.body.id}"][data-status="cancelled"]`).waitFor();
    await page.screenshot({ path: artifactPath('dashboard.png'), fullPage: true });
    await page.close();
  });
});
