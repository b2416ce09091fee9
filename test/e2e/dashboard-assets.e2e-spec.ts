import { startTestApp, TestApp } from '../support/test-app';

describe("The dashboard's modules and stylesheet over HTTP", () => {
  let t: TestApp | undefined;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-22T06:00:00Z' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['main.js', 'text/javascript; charset=utf-8', "import { createSession } from './session.js';"],
    ['appointment-panel.js', 'text/javascript; charset=utf-8', 'export function createAppointmentPanel('],
    ['dashboard.css', 'text/css; charset=utf-8', '[hidden] { display: none !important; }'],
  ])('serves %s without a token, revalidated on every use, as %s', async (file, contentType, excerpt) => {
    const response = await fetch(`${t!.baseUrl}/dashboard/assets/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain(excerpt);
  });

  it.each(['unknown.js', '..%2F..%2Fpackage.json', '%2E%2E%2Fsrc%2Fmain.ts'])(
    'given a file that is not one of its own (%s), then 404 problem+json and nothing from the disk',
    async (file) => {
      const response = await fetch(`${t!.baseUrl}/dashboard/assets/${file}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await response.json()) as { type: string; detail: string };
      expect(body.type).toBe('/problems/not-found');
      expect(body.detail).toBe(`Dashboard file ${decodeURIComponent(file)} does not exist`);
    },
  );
});
