import { appInBrowser, artifactPath } from '../support/chromium';
import { bookingBody, demo } from '../support/demo';

/** A hold's body: the slot of bookingBody (without the title a booking needs). */
function holdBody(overrides: Record<string, unknown> = {}) {
  const { title: _title, ...slot } = bookingBody(overrides);
  return slot;
}

describe('Front-desk dashboard with slot holds, in a real browser', () => {
  const session = appInBrowser();

  it('shows the slots held, tentative with their expiry, as they are taken, and removes them as they are released, booked or expire', async () => {
    const { t, browser } = session;
    const staff = t.tokenFor({ role: 'staff' });
    // Held before the board opens: it comes with the doctor's day.
    const before = await t.http.post('/holds', staff, holdBody({ start: '2027-03-22T09:00:00+01:00' }));
    expect(before.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${t.baseUrl}/dashboard?date=2027-03-22`);
    await page.fill('#token', staff);
    await page.click('#signin button[type=submit]');
    await page.locator('#connection[data-state="live"]').waitFor();
    const weber = page.locator(`.column[data-doctor-id="${demo.weber.id}"]`);
    const holdCard = (id: string) => weber.locator(`.card.hold[data-hold-id="${id}"]`);
    await holdCard(before.body.id).waitFor();
    expect(await holdCard(before.body.id).locator('.time').textContent()).toBe('09:00–09:20');
    expect(await holdCard(before.body.id).locator('.patient').textContent()).toBe('Mia Schneider');
    // Held on 2027-03-01 at 09:00 Berlin time (the test's clock), for HOLD_TTL_SECONDS (600).
    expect(await holdCard(before.body.id).locator('.expiry').textContent()).toBe('held until 2027-03-01 09:10');

    // Held while the board is open: it appears live, with the patient's name and the room.
    const live = await t.http.post('/holds', staff, holdBody({ start: '2027-03-22T10:00:00+01:00', patientId: demo.lukas.id, roomId: demo.room2.id }));
    expect(live.status).toBe(201);
    await holdCard(live.body.id).locator('.patient').filter({ hasText: 'Lukas' }).waitFor();
    expect(await holdCard(live.body.id).locator('.details').textContent()).toBe('Consultation room 2');
    expect(await holdCard(live.body.id).getAttribute('data-status')).toBe('held');
    await page.screenshot({ path: artifactPath('dashboard-holds.png'), fullPage: true });

    // Released, it goes.
    expect((await t.http.request('DELETE', `/holds/${before.body.id}`, { token: staff })).status).toBe(204);
    await holdCard(before.body.id).waitFor({ state: 'detached' });

    // Booked, the hold makes way for the appointment.
    const converting = await t.http.post('/holds', staff, holdBody({ start: '2027-03-22T11:00:00+01:00' }));
    await holdCard(converting.body.id).waitFor();
    const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-22T11:00:00+01:00', holdId: converting.body.id }));
    expect(booked.status).toBe(201);
    await weber.locator(`.card[data-appointment-id="${booked.body.id}"]`).waitFor();
    await holdCard(converting.body.id).waitFor({ state: 'detached' });

    // Its time run out, the live hold expires and goes.
    t.clock.set(live.body.expiresAt);
    await holdCard(live.body.id).waitFor({ state: 'detached' });
    expect(await weber.locator('.card.hold').count()).toBe(0);
    await page.close();
  });
});
