import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';

describe('Reference data over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.tokenFor({ role: 'admin' });
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(() => t.close());

  const doctor = {
    name: 'Dr. Mei Tanaka',
    email: 'mei.tanaka@lindenhof-praxis.example',
    specialty: 'Paediatrics',
    timezone: 'Asia/Tokyo',
    workingHours: { mon: [['09:00', '12:30'], ['14:00', '18:00']], sat: [['10:00', '13:00']] },
  };

  it('creates and reads each kind of record', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['/doctors', doctor],
      ['/patients', { name: 'Hana Sato', email: 'hana.sato@mail.example', phone: '+81 3 5550 1234' }],
      ['/rooms', { name: 'Ultrasound room' }],
      ['/appointment-types', { name: 'Ultrasound', durationMinutes: 45, bufferBeforeMinutes: 10, bufferAfterMinutes: 15 }],
    ];
    for (const [path, body] of cases) {
      const created = await t.http.post(path, admin, body);
      expect(created.status).toBe(201);
      const doctorOnly = path === '/doctors' ? { upcomingWorkingHours: [] } : {};
      expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), version: 1, active: true, ...doctorOnly, ...body });
      const read = await t.http.get(`${path}/${created.body.id}`, staff);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    }
  });

  it('defaults the buffers of an appointment type to zero', async () => {
    const created = await t.http.post('/appointment-types', admin, { name: 'Quick check', durationMinutes: 10 });
    expect(created.body).toMatchObject({ bufferBeforeMinutes: 0, bufferAfterMinutes: 0 });
  });

  it('validates the timezone, the working hours, the durations and unknown fields', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['/doctors', { ...doctor, timezone: 'Mars/Olympus' }, /timezone must be an IANA timezone/],
      ['/doctors', { ...doctor, workingHours: { mon: [['12:00', '09:00']] } }, /workingHours.mon\[0\] must end after it starts/],
      ['/doctors', { ...doctor, workingHours: { funday: [['09:00', '10:00']] } }, /funday is not a weekday/],
      ['/doctors', { ...doctor, workingHours: { mon: [['9am', '5pm']] } }, /must be \["HH:MM","HH:MM"\]/],
      ['/doctors', { ...doctor, workingHours: { mon: [['09:00', '12:00'], ['11:00', '13:00']] } }, /overlaps/],
      ['/doctors', { ...doctor, email: 'not-an-email' }, /email must be an email/],
      ['/appointment-types', { name: 'Zero', durationMinutes: 0 }, /durationMinutes must not be less than 1/],
      ['/appointment-types', { name: 'Negative buffer', durationMinutes: 10, bufferAfterMinutes: -5 }, /bufferAfterMinutes must not be less than 0/],
      ['/appointment-types', { name: 'Fractional', durationMinutes: 12.5 }, /durationMinutes must be an integer/],
      ['/rooms', { name: 'Room', floor: 2 }, /property floor should not exist/],
      ['/patients', { name: 'No email' }, /email must be an email/],
    ];
    for (const [path, body, detail] of cases) {
      const response = await t.http.post(path, admin, body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.detail).toMatch(detail);
    }
  });

  it('lets only admins write, and keeps patients from reading the patient list', async () => {
    expect((await t.http.post('/rooms', staff, { name: 'Room X' })).status).toBe(403);
    expect((await t.http.post('/rooms', undefined, { name: 'Room X' })).status).toBe(401);
    const patient = t.tokenFor({ role: 'patient', patientId: randomUUID() });
    expect((await t.http.get('/patients', patient)).status).toBe(403);
    expect((await t.http.get('/doctors', patient)).status).toBe(200);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await t.http.get(`/rooms/${randomUUID()}`, staff)).status).toBe(404);
    expect((await t.http.get('/rooms/42', staff)).status).toBe(400);
  });

  it('pages lists by name with a cursor, at most 100 at a time', async () => {
    for (let i = 0; i < 5; i++) await t.http.post('/rooms', admin, { name: `Paging room ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ name: string }>; nextCursor: string | null } } = await t.http.get(
        `/rooms?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        staff,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((room) => room.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((name) => name.startsWith('Paging room'))).toEqual([0, 1, 2, 3, 4].map((i) => `Paging room ${i}`));
    expect((await t.http.get('/rooms?limit=101', staff)).status).toBe(400);
    expect((await t.http.get('/rooms?cursor=garbage', staff)).status).toBe(400);
  });
});
