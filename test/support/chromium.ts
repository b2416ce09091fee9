import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { startTestApp, TestApp } from './test-app';

/**
 * Debian's chromium, driven by playwright-core (no browser is downloaded). The flags keep it
 * off the network this machine does not have and out of the sandbox root cannot use.
 */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`No Chromium at ${executablePath}: apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Where a browser test leaves its screenshots: test-artifacts/ at the repository's root (made when asked for). */
export function artifactPath(file: string): string {
  const folder = join(__dirname, '..', '..', 'test-artifacts');
  mkdirSync(folder, { recursive: true });
  return join(folder, file);
}

/**
 * For a describe block: the test app and Chromium, started before its tests and closed after
 * them. Read `t` and `browser` inside the tests. When the browser cannot be started the suite
 * fails, and the app is closed all the same.
 */
export function appInBrowser(): { readonly t: TestApp; readonly browser: Browser } {
  const started: { t?: TestApp; browser?: Browser } = {};
  beforeAll(async () => {
    started.t = await startTestApp();
    started.browser = await launchChromium();
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.t?.close();
  });
  return started as { t: TestApp; browser: Browser };
}
