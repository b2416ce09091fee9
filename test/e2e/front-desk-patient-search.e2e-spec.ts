import { demo } from '../support/demo';
import { startTestApp, TestApp } from '../support/test-app';

describe('The front desk finds a patient by name (GET /patients?name=, admin and staff only)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const names = async (query: string) => {
    const found = await t.http.get(`/patients?${query}`, t.tokenFor({ role: 'staff' }));
    expect(found.status).toBe(200);
    return found.body.items.map((patient: { name: string }) => patient.name);
  };

  it('given part of a name in any case, then the patients whose name contains it, sorted by name', async () => {
    expect(await names('name=SCHN')).toEqual([demo.mia.name]);
    expect(await names('name=er')).toEqual(['Emma Wagner', 'Lukas Fischer', 'Mia Schneider', 'Noah Becker']);
    expect(await names(`name=${encodeURIComponent(' Fisch')}`)).toEqual([demo.lukas.name]);
  });

  it('given LIKE wildcards, then they match only themselves', async () => {
    expect(await names('name=%25')).toEqual([]);
    expect(await names('name=_')).toEqual([]);
    expect(await names(`name=${encodeURIComponent('\\')}`)).toEqual([]);
  });

  it('given the name with a page size, then the pages go on with the same filter', async () => {
    const staff = t.tokenFor({ role: 'staff' });
    const first = await t.http.get('/patients?name=a&limit=2', staff);
    const second = await t.http.get(`/patients?name=a&limit=2&cursor=${first.body.nextCursor}`, staff);
    const all = await names('name=a');
    expect([...first.body.items, ...second.body.items].map((patient: { name: string }) => patient.name)).toEqual(all.slice(0, 4));
  });

  it('given an empty, over-long or repeated name, then 400; a patient may not search', async () => {
    const staff = t.tokenFor({ role: 'staff' });
    expect((await t.http.get('/patients?name=', staff)).status).toBe(400);
    expect((await t.http.get(`/patients?name=${'a'.repeat(201)}`, staff)).status).toBe(400);
    expect((await t.http.get('/patients?name=a&name=b', staff)).status).toBe(400);
    expect((await t.http.get('/patients?name=mia', t.tokenFor({ role: 'patient', patientId: demo.mia.id }))).status).toBe(403);
  });

  it('given a name with NUL or another control character, then 400 problem+json naming it; given bytes that are not UTF-8, then no match, never a 500', async () => {
    const staff = t.tokenFor({ role: 'staff' });
    for (const [raw, character] of [['%00', 'U+0000'], ['mi%00a', 'U+0000'], ['%1B%5B31m', 'U+001B']]) {
      const refused = await t.http.get(`/patients?name=${raw}`, staff);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors).toEqual([{ field: 'name', message: `name contains the control character ${character}` }]);
    }
    // The query string's parser reads malformed UTF-8 (a surrogate's bytes, a lone lead byte) as
    // replacement characters, which no patient's name holds.
    for (const raw of ['%ED%A0%80', '%FF%FE', '%C3']) expect(await names(`name=${raw}`)).toEqual([]);
  });

  it('given a doctor or a service, then the directory is refused (403), with a name or without; a doctor still reads a patient by id', async () => {
    const doctor = t.tokenFor({ role: 'doctor', doctorId: demo.weber.id });
    for (const token of [doctor, t.tokenFor({ role: 'service' })]) {
      for (const query of ['?name=a', '?name=mia', '']) {
        const refused = await t.http.get(`/patients${query}`, token);
        expect(refused.status).toBe(403);
        expect(refused.body.type).toBe('/problems/forbidden');
        expect(JSON.stringify(refused.body)).not.toContain(demo.mia.name);
      }
    }
    expect((await t.http.get(`/patients/${demo.mia.id}`, doctor)).status).toBe(200);
  });
});
