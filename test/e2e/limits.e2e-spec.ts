import { bookingBody, demo } from '../support/demo';
import { startTestApp, TestApp } from '../support/test-app';

describe('Limits and hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { RATE_LIMIT_PER_MINUTE: '5', CORS_ORIGINS: 'https://desk.clinic.example', PATIENT_MAX_FUTURE_BOOKINGS: '2' },
    });
  });
  afterAll(() => t.close());

  it('limits each user separately, even behind one address, with 429 and Retry-After', async () => {
    const [alice, bob] = [t.tokenFor({ role: 'staff', userId: 'alice' }), t.tokenFor({ role: 'staff', userId: 'bob' })];
    for (let i = 0; i < 5; i++) expect((await t.http.get('/rooms', alice)).status).toBe(200);
    const limited = await t.http.get('/rooms', alice);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await t.http.get('/rooms', bob)).status).toBe(200);
  });

  it('limits anonymous callers by address, bad tokens included', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.http.get('/rooms', i % 2 ? 'forged-token' : undefined)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('sends security headers and allows only the configured browser origins', async () => {
    const response = await fetch(`${t.baseUrl}/dashboard`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');

    const preflight = (origin: string) =>
      fetch(`${t.baseUrl}/appointments`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    expect((await preflight('https://desk.clinic.example')).headers.get('access-control-allow-origin')).toBe('https://desk.clinic.example');
    expect((await preflight('https://elsewhere.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a patient more upcoming appointments than allowed (422)', async () => {
    const staff = t.tokenFor({ role: 'staff', userId: 'desk-for-cap' });
    const first = await t.http.post('/appointments', staff, bookingBody({ patientId: demo.emma.id, start: '2027-03-22T09:00:00+01:00' }));
    await t.http.post('/appointments', staff, bookingBody({ patientId: demo.emma.id, start: '2027-03-23T09:00:00+01:00' }));
    const third = await t.http.post('/appointments', staff, bookingBody({ patientId: demo.emma.id, start: '2027-03-24T09:00:00+01:00' }));
    expect(third.status).toBe(422);
    expect(third.body).toMatchObject({ type: '/problems/too-many-future-bookings' });
    await t.http.post(`/appointments/${first.body.id}/cancel`, staff, { reason: 'Making room' });
    expect((await t.http.post('/appointments', staff, bookingBody({ patientId: demo.emma.id, start: '2027-03-24T09:00:00+01:00' }))).status).toBe(201);
  });
});
