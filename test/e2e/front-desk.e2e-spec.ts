import { signAccessToken } from '../../src/shared/auth/access-token';
import { appInBrowser, artifactPath } from '../support/chromium';
import { demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { appointmentIdAt, fillBooking, openDesk, SCREENS } from '../support/front-desk';

const DAY = '2027-03-22';
/** 07:00 in Berlin on DAY: a patient is checked in only on the appointment's day. */
const MORNING = '2027-03-22T06:00:00Z';
const weberAt = (time: string, patient = 'Mia Schneider') => ({
  type: 'Consultation (20 min)',
  room: 'Consultation room 1',
  doctor: 'Dr. Anna Weber · General practice',
  time,
  patientSearch: patient.slice(0, 4).toLowerCase(),
  patient,
  title: 'Persistent cough',
});

describe('A front desk that acts, in a real browser (development sign-in)', () => {
  const session = appInBrowser();

  it('books a free slot for a patient found by name, checks them in and cancels, while a second desk sees each change live', async () => {
    const { t, browser } = session;
    t.clock.set(MORNING);
    const desk = await openDesk(browser, t.baseUrl, t.tokenFor({ role: 'staff' }), DAY);
    const other = await openDesk(browser, t.baseUrl, t.tokenFor({ role: 'staff' }), DAY, 'tablet');
    const { page } = desk;

    await fillBooking(page, weberAt('09:00'));
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Booked 09:00 Mia Schneider with Dr. Anna Weber' }).waitFor();
    const id = await appointmentIdAt(page, demo.weber.id, '09:00–09:20', 'Mia Schneider');
    // The booked slot is no longer offered.
    await page.getByRole('button', { name: 'Find free slots' }).click();
    await page.locator('#booking-slots-hint').filter({ hasText: /^\d+ free slots on 2027-03-22$/ }).waitFor();
    expect(await page.getByRole('group', { name: 'Free slots' }).getByRole('button', { name: '09:00' }).count()).toBe(0);

    // The other desk, on a tablet, sees it without reload.
    await other.card(id).and(other.page.locator('[data-status="booked"]')).waitFor();
    await desk.page.screenshot({ path: artifactPath('front-desk-booked.png'), fullPage: true });
    await other.page.screenshot({ path: artifactPath('front-desk-tablet.png'), fullPage: true });

    // Checked in from the keyboard: the card's button opens the appointment, Enter presses its buttons.
    await desk.card(id).getByRole('button', { name: /^Manage 09:00–09:20 Mia Schneider/ }).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog');
    await panel.getByRole('button', { name: 'Check in' }).focus();
    await page.keyboard.press('Enter');
    await panel.getByRole('status').filter({ hasText: 'Checked in' }).waitFor();
    await desk.card(id).and(page.locator('[data-status="checked-in"]')).waitFor();
    await other.card(id).and(other.page.locator('[data-status="checked-in"]')).waitFor();
    await panel.locator('#panel-history li').filter({ hasText: /^Checked in by staff-user-\d+ \(staff\)/ }).waitFor();
    expect(await panel.getByRole('button', { name: 'Check in' }).isDisabled()).toBe(true);

    // Cancelled with a reason; the other desk sees the card cancelled.
    await panel.getByLabel('Reason').fill('Patient felt unwell in the waiting room');
    await panel.getByRole('button', { name: 'Cancel the appointment' }).click();
    await panel.getByRole('status').filter({ hasText: 'Cancelled' }).waitFor();
    await other.card(id).and(other.page.locator('[data-status="cancelled"]')).waitFor();
    await panel.locator('#panel-history li').filter({ hasText: 'Patient felt unwell in the waiting room' }).waitFor();
    await page.screenshot({ path: artifactPath('front-desk-cancelled.png'), fullPage: true });
    await panel.getByRole('button', { name: 'Close' }).click();
    const read = await t.http.get(`/appointments/${id}`, t.tokenFor({ role: 'staff' }));
    expect([read.body.status, read.body.cancellationReason]).toEqual(['cancelled', 'Patient felt unwell in the waiting room']);
    await Promise.all([desk.close(), other.close()]);
  });

  it('reschedules to another free slot, completes one visit and marks another a no-show, the other desk following live', async () => {
    const { t, browser } = session;
    t.clock.set('2027-03-01T08:00:00Z');
    const desk = await openDesk(browser, t.baseUrl, t.tokenFor({ role: 'staff' }), DAY);
    const other = await openDesk(browser, t.baseUrl, t.tokenFor({ role: 'staff' }), DAY);
    const { page } = desk;
    const panel = page.getByRole('dialog');

    await fillBooking(page, weberAt('14:00', 'Lukas Fischer'));
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    const moving = await appointmentIdAt(page, demo.weber.id, '14:00–14:20', 'Lukas Fischer');
    await desk.card(moving).getByRole('button', { name: /^Manage/ }).click();
    // Three weeks early, the API refuses a check-in: its 422 is shown as it answered.
    await panel.getByRole('button', { name: 'Check in' }).click();
    await panel.getByRole('alert').locator('.problem-title').filter({ hasText: /^422 / }).waitFor();
    expect(await panel.getByRole('alert').locator('.problem-detail').textContent()).toContain('2027-03-22');
    expect(await desk.card(moving).getAttribute('data-status')).toBe('booked');

    t.clock.set(MORNING);
    await panel.getByRole('button', { name: 'Find free slots' }).click();
    await panel.getByRole('group', { name: 'Free slots to move to' }).getByRole('button', { name: '15:30' }).click();
    await panel.getByRole('button', { name: 'Reschedule', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: 'Rescheduled' }).waitFor();
    await other.card(moving).locator('.time').filter({ hasText: '15:30–15:50' }).waitFor();

    await panel.getByRole('button', { name: 'Check in' }).click();
    await panel.getByRole('button', { name: 'Complete' }).click();
    await panel.getByRole('status').filter({ hasText: 'Completed' }).waitFor();
    await other.card(moving).and(other.page.locator('[data-status="fulfilled"]')).waitFor();
    await panel.getByRole('button', { name: 'Close' }).click();

    await fillBooking(page, weberAt('16:00', 'Emma Wagner'));
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    const absent = await appointmentIdAt(page, demo.weber.id, '16:00–16:20', 'Emma Wagner');
    // Once it has started (16:00 in Berlin), the patient who did not come is marked a no-show.
    t.clock.set('2027-03-22T15:10:00Z');
    await desk.card(absent).getByRole('button', { name: /^Manage/ }).click();
    await panel.getByRole('button', { name: 'Mark no-show' }).click();
    await other.card(absent).and(other.page.locator('[data-status="noshow"]')).waitFor();
    await panel.locator('#panel-history li').filter({ hasText: /^Marked no-show by / }).waitFor();
    await Promise.all([desk.close(), other.close()]);
  });

  it('shows the API\'s 409 when two desks take the same slot, and the one that came first keeps it', async () => {
    const { t, browser } = session;
    t.clock.set(MORNING);
    const first = await openDesk(browser, t.baseUrl, t.tokenFor({ role: 'staff' }), DAY);
    const second = await openDesk(browser, t.baseUrl, t.tokenFor({ role: 'staff' }), DAY, 'tablet');
    await fillBooking(first.page, weberAt('11:00'));
    await fillBooking(second.page, weberAt('11:00', 'Noah Becker'));

    await first.page.getByRole('button', { name: 'Book', exact: true }).click();
    await first.page.getByRole('status').filter({ hasText: 'Booked 11:00 Mia Schneider' }).waitFor();
    await second.page.getByRole('button', { name: 'Book', exact: true }).tap();
    const problem = second.page.locator('#booking-problem');
    await problem.locator('.problem-title').filter({ hasText: /^409 / }).waitFor();
    expect(await problem.locator('.problem-detail').textContent()).toMatch(/Dr\. Anna Weber|Consultation room 1/);
    expect(await second.page.getByRole('alert').filter({ hasText: '409' }).count()).toBe(1);
    await second.page.screenshot({ path: artifactPath('front-desk-conflict.png'), fullPage: true });

    const staff = t.tokenFor({ role: 'staff' });
    await eventually(async () => {
      const booked = await t.http.get(`/appointments?doctorId=${demo.weber.id}&from=2027-03-22T10:00:00Z&to=2027-03-22T11:00:00Z`, staff);
      expect(booked.body.items.map((a: { patient: { name: string } }) => a.patient.name)).toEqual(['Mia Schneider']);
    });
    await Promise.all([first.close(), second.close()]);
  });

  it('books the free slot of any doctor of a specialty, each slot named with its doctor', async () => {
    const { t, browser } = session;
    t.clock.set(MORNING);
    const desk = await openDesk(browser, t.baseUrl, t.tokenFor({ role: 'staff' }), DAY, 'tablet');
    const { page } = desk;
    await page.getByLabel('Appointment type', { exact: true }).selectOption({ label: 'Annual check-up (40 min)' });
    await page.getByLabel('Room', { exact: true }).selectOption({ label: 'Treatment room' });
    await page.getByLabel('Doctor', { exact: true }).selectOption({ label: 'Any doctor (by specialty)' });
    await page.getByLabel('Specialty', { exact: true }).selectOption({ label: 'Cardiology' });
    await page.getByRole('button', { name: 'Find free slots' }).tap();
    const slots = page.getByRole('group', { name: 'Free slots' }).getByRole('button');
    await slots.first().waitFor();
    // Monday: of the cardiologists, only Dr. Richter works (09:00–13:00); each slot is named with its doctor.
    const total = await slots.count();
    expect(total).toBeGreaterThan(0);
    expect(await page.getByRole('group', { name: 'Free slots' }).getByRole('button', { name: / with Dr\. Jonas Richter$/ }).count()).toBe(total);
    expect(await slots.first().textContent()).toBe('09:00 Dr. Jonas Richter');
    await slots.first().tap();
    await page.getByLabel('Patient (search by name)').fill('SOFIA');
    await page.getByRole('radio', { name: 'Sofia Hoffmann' }).check();
    await page.getByLabel('Title', { exact: true }).fill('Yearly check');
    await page.getByRole('button', { name: 'Book', exact: true }).tap();
    await page.getByRole('status').filter({ hasText: 'Booked 09:00 Sofia Hoffmann with Dr. Jonas Richter' }).waitFor();
    await appointmentIdAt(page, demo.richter.id, '09:00–09:40', 'Sofia Hoffmann');
    await desk.close();
  });

  it('given a token that runs out while the desk is open, then the page asks to sign in again and keeps no token', async () => {
    const { t, browser } = session;
    const shortLived = signAccessToken({ userId: 'desk-short', role: 'staff', name: 'Greta Desk' }, t.config.jwtSecret, 3);
    const page = await browser.newPage({ viewport: SCREENS.desktop });
    await page.goto(`${t.baseUrl}/dashboard?date=${DAY}`);
    await page.getByLabel('Paste a staff access token').fill(shortLived);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.locator('#signed-in-as').filter({ hasText: 'Signed in as Greta Desk' }).waitFor();
    await page.locator('#signin-error').filter({ hasText: 'The session expired' }).waitFor();
    expect(await page.locator('#workspace').isHidden()).toBe(true);
    expect(await page.evaluate('sessionStorage.getItem("clinic.token")')).toBeNull();
    await page.close();
  });

  it("given a patient's token, then the page says the account may not use the front desk and keeps no token", async () => {
    const { t, browser } = session;
    const page = await browser.newPage({ viewport: SCREENS.desktop });
    await page.goto(`${t.baseUrl}/dashboard?date=${DAY}`);
    await page.getByLabel('Paste a staff access token').fill(t.tokenFor({ role: 'patient', patientId: demo.mia.id }));
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.locator('#signin-error').filter({ hasText: /^This account may not use the front desk: / }).waitFor();
    expect(await page.locator('#workspace').isHidden()).toBe(true);
    expect(await page.evaluate('sessionStorage.getItem("clinic.token")')).toBeNull();
    await page.close();
  });
});
