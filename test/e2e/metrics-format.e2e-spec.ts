import { afterWrite, bookingBody } from '../support/demo';
import { connectLive } from '../support/live-client';
import { findPromtool, lintMetrics } from '../support/promtool';
import { startTestApp, TestApp } from '../support/test-app';

/** The metric families of a scrape, by name, with their TYPE and whether they have a HELP. */
function families(scrape: string): Map<string, { type?: string; help: boolean }> {
  const found = new Map<string, { type?: string; help: boolean }>();
  for (const match of scrape.matchAll(/^# (HELP|TYPE) (\S+) ?(.*)$/gm)) {
    const family = found.get(match[2]) ?? { help: false };
    if (match[1] === 'TYPE') family.type = match[3];
    else family.help = match[3].trim() !== '';
    found.set(match[2], family);
  }
  return found;
}

describe('The /metrics scrape follows Prometheus naming (promtool check metrics)', () => {
  let t: TestApp;
  let promtool: string;
  beforeAll(async () => {
    promtool = findPromtool();
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('passes promtool with every family present after real traffic', async () => {
    // Given a booking, a conflicting one, a read and a live client, so every family has samples
    const staff = t.tokenFor({ role: 'staff' });
    const dashboard = await connectLive(t.baseUrl, { token: staff });
    const booked = await t.http.post('/appointments', staff, bookingBody());
    expect((await t.http.post('/appointments', staff, bookingBody())).status).toBe(409);
    await t.http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked));

    // When Prometheus scrapes the instance
    const scrape = await (await fetch(`${t.baseUrl}/metrics`)).text();
    dashboard.close();

    // Then promtool has nothing to complain about
    expect(lintMetrics(promtool, scrape)).toEqual({ status: 0, problems: [] });
    const scraped = families(scrape);
    for (const name of ['http_request_duration_seconds', 'appointment_commands_total', 'dead_letters_parked', 'process_resident_memory_bytes']) {
      expect(scraped.has(name)).toBe(true);
    }
    for (const [name, family] of scraped) {
      expect({ name, help: family.help }).toEqual({ name, help: true });
      expect({ name, counterIffTotal: name.endsWith('_total') === (family.type === 'counter') }).toEqual({ name, counterIffTotal: true });
    }
  });

  it('catches what promtool forbids, so a clean result means something', () => {
    const misnamed = '# HELP jobs_total Jobs waiting\n# TYPE jobs_total gauge\njobs_total 3\n';
    expect(lintMetrics(promtool, misnamed).problems).toEqual([expect.stringContaining('non-counter metrics should not have "_total" suffix')]);
  });
});
