import { DEMO_CLINIC } from '../../src/database/demo-data';
import { appInBrowser, artifactPath } from '../support/chromium';
import { demo } from '../support/demo';

const haddad = DEMO_CLINIC.doctors[2];

describe('Front-desk dashboard with schedules, in a real browser', () => {
  const session = appInBrowser();

  it('shows only the doctors who work that day, and time off, closures, room blocks and new working hours as they happen, without reload', async () => {
    const { t, browser } = session;
    const staff = t.tokenFor({ role: 'staff' });
    const admin = t.tokenFor({ role: 'admin' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    // Tuesday 2027-03-23: Dr. Weber and Dr. Haddad work; Dr. Richter works Mondays, Wednesdays and Fridays only.
    await page.goto(`${t.baseUrl}/dashboard?date=2027-03-23`);
    await page.fill('#token', staff);
    await page.click('#signin button[type=submit]');
    await page.locator('#connection[data-state="live"]').waitFor();
    const column = (doctorId: string) => page.locator(`.column[data-doctor-id="${doctorId}"]`);
    await column(demo.weber.id).waitFor();
    await column(haddad.id).waitFor();
    expect(await column(demo.richter.id).count()).toBe(0);

    const timeOff = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, { start: '2027-03-23T14:00:00+01:00', end: '2027-03-23T17:00:00+01:00', reason: 'Dentist' });
    expect(timeOff.status).toBe(201);
    const block = column(demo.weber.id).locator(`.block[data-block-id="${timeOff.body.id}"]`);
    await block.waitFor();
    expect(await block.getAttribute('data-kind')).toBe('time-off');
    expect(await block.locator('.what').textContent()).toBe('Time off 14:00–17:00');
    expect(await block.locator('.reason').textContent()).toBe('Dentist');

    const closure = await t.http.post('/closures', admin, { start: '2027-03-23T12:00:00+01:00', end: '2027-03-23T13:00:00+01:00', reason: 'Fire drill' });
    const roomBlock = await t.http.post(`/rooms/${demo.room2.id}/blocks`, admin, { start: '2027-03-23T08:00:00+01:00', end: '2027-03-23T10:00:00+01:00', reason: 'Painting' });
    expect([closure.status, roomBlock.status]).toEqual([201, 201]);
    await page.locator(`#clinic-blocks .block[data-block-id="${closure.body.id}"] .what`).filter({ hasText: 'Clinic closed 12:00–13:00' }).waitFor();
    await page.locator(`#clinic-blocks .block[data-block-id="${roomBlock.body.id}"] .what`).filter({ hasText: 'Consultation room 2 blocked 08:00–10:00' }).waitFor();
    await page.screenshot({ path: artifactPath('dashboard-schedules.png'), fullPage: true });

    // Cancelled, the time off leaves the board.
    expect((await t.http.request('DELETE', `/doctors/${demo.weber.id}/time-off/${timeOff.body.id}`, { token: admin })).status).toBe(204);
    await block.waitFor({ state: 'detached' });

    // New hours from this day without Tuesdays: Dr. Haddad, who has no appointment that day, no longer works it.
    const hours = await t.http.request('PUT', `/doctors/${haddad.id}/working-hours`, { token: admin, body: { effectiveFrom: '2027-03-23', workingHours: { thu: [['10:00', '18:00']] } } });
    expect(hours.status).toBe(200);
    await column(haddad.id).waitFor({ state: 'detached' });
    expect(await column(demo.weber.id).count()).toBe(1);
    await page.close();
  });
});
