import { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** A front desk's screen: a 1280 px desktop, or a tablet held upright. */
export const SCREENS = {
  desktop: { width: 1280, height: 800 },
  tablet: { width: 820, height: 1180 },
} as const;

/** One front desk: its own browser context (its own sessionStorage), on the dashboard of a day. */
export interface FrontDesk {
  context: BrowserContext;
  page: Page;
  /** The board's card of an appointment. */
  card(appointmentId: string): Locator;
  close(): Promise<void>;
}

/** Opens a front desk on `date` and signs in with a development token, then waits for the live connection. */
export async function openDesk(browser: Browser, baseUrl: string, token: string, date: string, screen: keyof typeof SCREENS = 'desktop'): Promise<FrontDesk> {
  const context = await browser.newContext({ viewport: SCREENS[screen], hasTouch: screen === 'tablet' });
  // Shorter than the test's own timeout, so that a step that never happens is the failure reported.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/dashboard?date=${date}`);
  await page.getByLabel('Paste a staff access token').fill(token);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.locator('#connection[data-state="live"]').waitFor();
  return deskOn(context, page);
}

/** A desk on a page that is already signed in. */
export function deskOn(context: BrowserContext, page: Page): FrontDesk {
  return { context, page, card: (id) => page.locator(`.card[data-appointment-id="${id}"]`), close: () => context.close() };
}

/**
 * Fills the desk's booking form as staff do: type, room and doctor, the free slot at `time`
 * (clock time in the doctor's zone), the patient found by a part of their name, and a title.
 */
export async function fillBooking(page: Page, choice: { type: string; room: string; doctor: string; time: string; patientSearch: string; patient: string; title: string }): Promise<void> {
  await page.getByLabel('Appointment type', { exact: true }).selectOption({ label: choice.type });
  await page.getByLabel('Room', { exact: true }).selectOption({ label: choice.room });
  await page.getByLabel('Doctor', { exact: true }).selectOption({ label: choice.doctor });
  await page.getByRole('button', { name: 'Find free slots' }).click();
  await page.getByRole('group', { name: 'Free slots' }).getByRole('button', { name: choice.time }).click();
  await page.getByLabel('Patient (search by name)').fill(choice.patientSearch);
  await page.getByRole('radio', { name: choice.patient }).check();
  await page.getByLabel('Title', { exact: true }).fill(choice.title);
}

/** The id of the appointment whose card shows `patient` at `time` in a doctor's column. */
export async function appointmentIdAt(page: Page, doctorId: string, time: string, patient: string): Promise<string> {
  const card = page.locator(`.column[data-doctor-id="${doctorId}"] .card[data-appointment-id]`).filter({ has: page.locator('.time', { hasText: time }) }).filter({ hasText: patient });
  await card.waitFor();
  const id = await card.getAttribute('data-appointment-id');
  if (!id) throw new Error(`No appointment card at ${time} for ${patient}`);
  return id;
}
