import { PROBLEM_TYPES } from '../../src/observability/problem-types';
import { bookingBody } from '../support/demo';
import { startTestApp, TestApp } from '../support/test-app';

describe('Problem type URIs resolve (GET /problems/<code>)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("explains the type of a real problem response, without a token, as a page", async () => {
    // Given a booking that collides with an existing one
    const staff = t.tokenFor({ role: 'staff' });
    expect((await t.http.post('/appointments', staff, bookingBody())).status).toBe(201);
    const taken = await t.http.post('/appointments', staff, bookingBody());
    expect(taken.body.type).toBe('/problems/slot-taken');

    // When a developer follows its type URI (relative to the request's URL, RFC 9457)
    const page = await fetch(new URL(taken.body.type, `${t.baseUrl}/appointments`), { headers: { accept: 'text/html,*/*;q=0.8' } });

    // Then a page says what it means and what to do
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('vary')).toMatch(/accept/i);
    const html = await page.text();
    expect(html).toContain('<h1>Slot taken</h1>');
    expect(html).toContain('What to do');
    expect(html).toContain('/availability');
  });

  it('answers every catalogued type, as a page and as JSON', async () => {
    for (const type of PROBLEM_TYPES) {
      const page = await fetch(`${t.baseUrl}/problems/${type.code}`);
      expect({ code: type.code, status: page.status }).toEqual({ code: type.code, status: 200 });
      expect(await page.text()).toContain(`/problems/${type.code}`);
      const json = await t.http.get(`/problems/${type.code}`, undefined, { accept: 'application/json' });
      expect(json.body).toEqual({ type: `/problems/${type.code}`, code: type.code, title: type.title, status: type.status ?? null, meaning: type.meaning, whatToDo: type.whatToDo });
    }
  });

  it('lists every type on /problems', async () => {
    const index = await fetch(`${t.baseUrl}/problems`);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await index.text();
    for (const type of PROBLEM_TYPES) expect(html).toContain(`href="/problems/${type.code}"`);
    const json = await t.http.get('/problems', undefined, { accept: 'application/json' });
    expect(json.body.items.map((item: { code: string }) => item.code)).toEqual(PROBLEM_TYPES.map((type) => type.code));
  });

  it('resolves the type of an authentication problem too', async () => {
    const refused = await t.http.get('/appointments');
    expect(refused.status).toBe(401);
    expect((await fetch(new URL(refused.body.type, t.baseUrl))).status).toBe(200);
  });

  it('answers an unknown code with a 404 problem', async () => {
    const unknown = await t.http.get('/problems/no-such-problem');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ type: '/problems/not-found', status: 404, detail: 'Problem type no-such-problem does not exist' });
    const odd = await t.http.get(`/problems/${encodeURIComponent('<script>')}`);
    expect(odd.status).toBe(404);
    expect(odd.body.detail).toBe('No such problem type');
  });
});
