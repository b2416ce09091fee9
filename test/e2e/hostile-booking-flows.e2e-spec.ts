import { DEMO_CLINIC } from '../../src/database/demo-data';
import { SubscriptionRunner } from '../../src/event-store/subscriptions/subscription-runner';
import { bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { Answer, BAD_TEXT, expectInvalid, expectProblem, expectWritesNothing } from '../support/hostile-input';
import { everySubscriptionPasses } from '../support/subscriptions';
import { startTestApp, TestApp } from '../support/test-app';

const [, , , noah, sofia, elias] = DEMO_CLINIC.patients;
const haddad = DEMO_CLINIC.doctors[2];

/** Instants that name no instant: no such day or month, no offset, years out of range. */
const NOT_INSTANTS = ['2027-02-30T09:00:00+01:00', '2027-13-01T09:00:00Z', '2027-03-22T09:00:00', '2027-03-22T24:00:00+01:00', '10000-01-01T00:00:00Z', '+012027-04-01T00:00:00Z', '2027-04-01', '1806000000000', ''];

/** Dates that are no calendar date. */
const NOT_DATES = ['2027-02-30', '2027-13-01', '2027-02-29', '2027-00-10', '2027-4-1', '20270401', '10000-01-01', '+12027-01-01', '2027-04-01T00:00:00Z', ''];

/** Lone surrogates as JSON escapes: they parse into strings that have no UTF-8 form. */
const LONE_SURROGATES = ['\\ud800', '\\udfff', 'x\\ud83d', '\\ude00x'];

/** Path ids that are not UUIDs, percent-encoded as a client would send them. */
const NOT_IDS = ['not-a-uuid', '1', "1'%20or%20'1'='1", '%E2%80%AE', '9'.repeat(60), ...BAD_TEXT.map(([, text]) => encodeURIComponent(`7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001${text}`))];

/** A request as a failed expectation names it: its start and its end, where a body's attack usually is. */
const abridged = (sent: string) => (sent.length <= 400 ? sent : `${sent.slice(0, 200)} … ${sent.slice(-200)}`);

/** A hold body for Dr. Weber, Mia and room 1, a consultation; Tuesday 2027-03-23 09:00 Berlin by default. */
function holdBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { appointmentTypeId: demo.consultation.id, doctorId: demo.weber.id, roomId: demo.room1.id, patientId: demo.mia.id, start: '2027-03-23T09:00:00+01:00', ...overrides };
}

/** A waitlist body for Mia: Dr. Richter, the first week of August. */
function waitlistBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { patientId: demo.mia.id, appointmentTypeId: demo.consultation.id, from: '2027-08-02', to: '2027-08-06', doctorId: demo.richter.id, ...overrides };
}

/** A series body for Mia with Dr. Weber in room 2: Wednesdays at 11:00 Berlin, from 2027-03-24. */
function seriesBody(overrides: Record<string, unknown> = {}, recurrence: Record<string, unknown> = { frequency: 'weekly', count: 2 }): Record<string, unknown> {
  return { appointmentTypeId: demo.consultation.id, doctorId: demo.weber.id, patientId: demo.mia.id, roomId: demo.room2.id, start: '2027-03-24T11:00:00+01:00', title: 'Physiotherapy', recurrence, ...overrides };
}

describe('Hostile input at the booking flows (holds, waitlist, series)', () => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let service: string;
  let mia: string;
  let lukas: string;
  let weberHimself: string;
  let richterHimself: string;
  /** Mia's hold, her appointment, her series and her waitlist entry: ids of every kind of stream. */
  let holdId: string;
  let appointmentId: string;
  let seriesId: string;
  let entryId: string;

  const request = async (method: string, path: string, token: string | undefined, options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<Answer> => ({
    ...(await t.http.request(method, path, { token, ...options })),
    sent: abridged(`${method} ${path} ${options.rawBody ?? (options.body === undefined ? '' : JSON.stringify(options.body))}`),
  });
  const get = (path: string, token = staff) => request('GET', path, token);
  const post = (path: string, token: string, body: unknown, headers?: Record<string, string>) => request('POST', path, token, { body, headers });
  const del = (path: string, token = staff) => request('DELETE', path, token);
  const raw = (method: string, path: string, token: string, rawBody: string, headers?: Record<string, string>) => request(method, path, token, { rawBody, headers });

  const writesNothing = (attempt: () => Promise<void>) => expectWritesNothing(t.dataSource, attempt);

  /** The commands that take a body, each with a body it would accept apart from the attack. */
  const bodies = (): Array<{ path: string; token: string; body: Record<string, unknown> }> => [
    { path: '/holds', token: staff, body: holdBody({ start: '2027-03-23T10:00:00+01:00' }) },
    { path: '/appointments', token: staff, body: bookingBody({ start: '2027-03-23T09:00:00+01:00', holdId }) },
    { path: '/waitlist', token: staff, body: waitlistBody() },
    { path: '/appointment-series', token: staff, body: seriesBody({ start: '2027-03-31T11:00:00+02:00' }) },
    { path: `/appointment-series/${seriesId}/cancel`, token: staff, body: { reason: 'Moved away', from: '2027-03-30' } },
  ];

  /** Every route of the booking flows that names a stream in its path, `:id` to fill in. */
  const idRoutes: Array<{ method: string; path: string; body?: unknown }> = [
    { method: 'GET', path: '/holds/:id' },
    { method: 'DELETE', path: '/holds/:id' },
    { method: 'GET', path: '/waitlist/:id' },
    { method: 'POST', path: '/waitlist/:id/accept', body: {} },
    { method: 'POST', path: '/waitlist/:id/decline', body: {} },
    { method: 'DELETE', path: '/waitlist/:id' },
    { method: 'GET', path: '/appointment-series/:id' },
    { method: 'POST', path: '/appointment-series/:id/cancel', body: { reason: 'Moved away' } },
  ];
  const at = (path: string, id: string) => path.replace(':id', id);

  async function lastPosition(): Promise<number> {
    return Number((await t.dataSource.query(`select coalesce(max(position), 0) as position from events`))[0].position);
  }

  /** The process stays up and no subscription has stopped on what was sent. */
  async function expectStillServing(): Promise<void> {
    expect((await get('/health')).status).toBe(200);
    const stopped = await t.dataSource.query(`select name, failure from subscription_checkpoints where status <> 'running'`);
    expect(stopped).toEqual([]);
  }

  /** Books an appointment for Noah (who is never on the waitlist). */
  async function bookedForNoah(start: string, doctorId = demo.weber.id): Promise<string> {
    const booked = await post('/appointments', staff, bookingBody({ patientId: noah.id, doctorId, start }));
    expect({ sent: booked.sent, status: booked.status }).toEqual({ sent: booked.sent, status: 201 });
    return booked.body.id;
  }

  /** A waitlist entry of `patientId` for Dr. Weber on `date`, offered the slot freed by cancelling Noah's appointment at `start`. */
  async function offeredEntry(patientId: string, date: string, start: string): Promise<{ id: string; holdId: string }> {
    const appointment = await bookedForNoah(start);
    const joined = await post('/waitlist', staff, waitlistBody({ patientId, from: date, to: date, doctorId: demo.weber.id }));
    expect(joined.status).toBe(201);
    expect((await post(`/appointments/${appointment}/cancel`, staff, { reason: 'Cannot come' })).status).toBe(200);
    return eventually(async () => {
      const entry = await get(`/waitlist/${joined.body.id}`);
      expect(entry.body.status).toBe('offered');
      return { id: joined.body.id as string, holdId: entry.body.offer.holdId as string };
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { HOLD_EXPIRY_CHECK_MS: '50' } });
    staff = t.tokenFor({ role: 'staff' });
    admin = t.tokenFor({ role: 'admin' });
    service = t.tokenFor({ role: 'service' });
    mia = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
    lukas = t.tokenFor({ role: 'patient', patientId: demo.lukas.id });
    weberHimself = t.tokenFor({ role: 'doctor', doctorId: demo.weber.id });
    richterHimself = t.tokenFor({ role: 'doctor', doctorId: demo.richter.id });
    const held = await post('/holds', mia, holdBody());
    expect(held.status).toBe(201);
    holdId = held.body.id;
    const booked = await post('/appointments', staff, bookingBody({ start: '2027-03-22T15:00:00+01:00' }));
    expect(booked.status).toBe(201);
    appointmentId = booked.body.id;
    const series = await post('/appointment-series', mia, seriesBody());
    expect(series.status).toBe(201);
    seriesId = series.body.id;
    const joined = await post('/waitlist', mia, waitlistBody());
    expect(joined.status).toBe(201);
    entryId = joined.body.id;
  });
  afterAll(() => t.close());
  afterEach(() => expectStillServing());

  describe('text in every string field and path id', () => {
    it('refuses control characters (NUL among them) in every string field of every body, with and without an Idempotency-Key, writing nothing', async () => {
      await writesNothing(async () => {
        for (const [name, text] of BAD_TEXT) {
          for (const { path, token, body } of bodies()) {
            for (const [field, value] of Object.entries(body)) {
              if (typeof value !== 'string') continue;
              expectInvalid(await post(path, token, { ...body, [field]: `${value}${text}` }), field);
              expectInvalid(await post(path, token, { ...body, [field]: `${text}${value}` }, { 'idempotency-key': `bad-${field}-${name}` }), field);
            }
          }
          const series = seriesBody({ start: '2027-03-31T11:00:00+02:00' });
          expectInvalid(await post('/appointment-series', staff, { ...series, recurrence: { frequency: `weekly${text}`, count: 2 } }), 'recurrence');
          expectInvalid(await post('/appointment-series', staff, { ...series, recurrence: { frequency: 'weekly', until: `2027-04-07${text}` } }), 'recurrence');
          expectInvalid(await post('/holds', staff, { ...holdBody(), [`start${text}`]: '2027-03-23T10:00:00+01:00' }));
        }
      });
    });

    it('refuses lone surrogates sent as JSON escapes in every string field, writing nothing', async () => {
      await writesNothing(async () => {
        for (const escape of LONE_SURROGATES) {
          for (const { path, token, body } of bodies()) {
            for (const [field, value] of Object.entries(body)) {
              if (typeof value !== 'string') continue;
              const sent = JSON.stringify({ ...body, [field]: 'PLACEHOLDER' }).replace('PLACEHOLDER', `${value}${escape}`);
              expectInvalid(await raw('POST', path, token, sent), field);
            }
          }
          const recurrence = JSON.stringify(seriesBody({ start: '2027-03-31T11:00:00+02:00' }, { frequency: 'PLACEHOLDER', count: 2 })).replace('PLACEHOLDER', `weekly${escape}`);
          expectInvalid(await raw('POST', '/appointment-series', staff, recurrence), 'recurrence');
        }
      });
    });

    it('refuses path ids that are not UUIDs (control characters, SQL, RLO, too long) on every route, naming the parameter, writing nothing', async () => {
      await writesNothing(async () => {
        for (const id of NOT_IDS) {
          for (const { method, path, body } of idRoutes) expectInvalid(await request(method, at(path, id), staff, { body }), 'id');
        }
        for (const bytes of ['%FF', '%ED%A0%80', '%C0%AF']) {
          for (const { method, path, body } of idRoutes) expectInvalid(await request(method, at(path, bytes), staff, { body }));
        }
      });
    });
  });

  describe('ids of another kind of stream', () => {
    it('answers 404 for an id of another kind of stream on every route, never a 500, writing nothing', async () => {
      const doctorId = demo.weber.id;
      const kinds: Record<string, string> = { hold: holdId, appointment: appointmentId, series: seriesId, entry: entryId, doctor: doctorId };
      const wrong: Record<string, string[]> = {
        holds: ['appointment', 'series', 'entry', 'doctor'],
        waitlist: ['hold', 'appointment', 'series', 'doctor'],
        'appointment-series': ['hold', 'appointment', 'entry', 'doctor'],
      };
      await writesNothing(async () => {
        for (const { method, path, body } of idRoutes) {
          for (const kind of wrong[path.split('/')[1]]) expectProblem(await request(method, at(path, kinds[kind]), staff, { body }), 404);
        }
        for (const kind of ['hold', 'series', 'entry']) {
          expectProblem(await get(`/appointments/${kinds[kind]}`), 404);
          expectProblem(await get(`/appointments/${kinds[kind]}/history`), 404);
          expectProblem(await get(`/appointments/${kinds[kind]}?version=1`), 404);
          expectProblem(await get(`/appointments/${kinds[kind]}?asOf=${encodeURIComponent('2027-12-01T00:00:00Z')}`), 404);
          expectProblem(await post(`/appointments/${kinds[kind]}/cancel`, staff, { reason: 'x' }), 404);
          expectProblem(await post(`/appointments/${kinds[kind]}/reschedule`, staff, { start: '2027-03-25T09:00:00+01:00' }), 404);
          expectProblem(await post(`/appointments/${kinds[kind]}/check-in`, staff, {}), 404);
        }
        for (const kind of ['appointment', 'series', 'entry', 'doctor']) {
          expectProblem(await post('/appointments', staff, bookingBody({ start: '2027-03-23T09:00:00+01:00', holdId: kinds[kind] })), 404);
        }
      });
    });
  });

  describe('dates and numbers', () => {
    it('refuses instants that do not exist in every start and end, writing nothing', async () => {
      await writesNothing(async () => {
        for (const instant of NOT_INSTANTS) {
          expectInvalid(await post('/holds', staff, holdBody({ start: instant })), 'start');
          expectInvalid(await post('/holds', staff, holdBody({ end: instant })), 'end');
          expectInvalid(await post('/appointments', staff, bookingBody({ start: instant, holdId })), 'start');
          expectInvalid(await post('/appointment-series', staff, seriesBody({ start: instant })), 'start');
        }
        for (const value of [null, 1806000000000, true, ['2027-03-23T09:00:00Z'], { at: '2027-03-23T09:00:00Z' }]) {
          expectInvalid(await post('/holds', staff, holdBody({ start: value })), 'start');
          expectInvalid(await post('/appointment-series', staff, seriesBody({ start: value })), 'start');
        }
      });
    });

    it('refuses dates that do not exist in the waitlist window, the series’ until and the cancellation’s from, writing nothing', async () => {
      await writesNothing(async () => {
        for (const date of NOT_DATES) {
          expectInvalid(await post('/waitlist', staff, waitlistBody({ from: date })), 'from');
          expectInvalid(await post('/waitlist', staff, waitlistBody({ to: date })), 'to');
          expectInvalid(await post('/appointment-series', staff, seriesBody({}, { frequency: 'weekly', until: date })), 'recurrence.until');
          expectInvalid(await post(`/appointment-series/${seriesId}/cancel`, staff, { reason: 'x', from: date }), 'from');
        }
        for (const value of [null, 20270802, ['2027-08-02'], { date: '2027-08-02' }]) expectInvalid(await post('/waitlist', staff, waitlistBody({ from: value })), 'from');
        for (const value of [20270802, ['2027-08-02'], { date: '2027-08-02' }]) expectInvalid(await post(`/appointment-series/${seriesId}/cancel`, staff, { reason: 'x', from: value }), 'from');
      });
    });

    it('refuses counts and intervals past every range or of the wrong type, sent as the literal JSON, writing nothing', async () => {
      const series = (recurrence: string) => JSON.stringify(seriesBody({ start: '2027-03-31T11:00:00+02:00' }, { frequency: 'weekly' })).replace('"recurrence":{"frequency":"weekly"}', `"recurrence":${recurrence}`);
      const badNumbers = ['1e309', '-1e309', '-1', '0', '53', '9007199254740992', '9007199254740993', '1e2', '5.5', '-0.5', '"5"', 'true', '[5]', '{}', '"Infinity"', '"NaN"'];
      await writesNothing(async () => {
        for (const number of badNumbers) {
          expectInvalid(await raw('POST', '/appointment-series', staff, series(`{"frequency":"weekly","count":${number}}`)), 'recurrence.count');
          expectInvalid(await raw('POST', '/appointment-series', staff, series(`{"frequency":"weekly","interval":${number},"count":2}`)), 'recurrence.interval');
        }
        for (const recurrence of [
          '{"frequency":"weekly"}',
          '{"frequency":"weekly","count":null}',
          '{"frequency":"weekly","count":2,"until":"2027-04-07"}',
          '{"frequency":"weekly","until":"2027-03-30"}',
          '{"frequency":"weekly","until":"2028-03-31"}',
          '{"frequency":"weekly","interval":1,"until":"2028-03-29","count":null}',
          '{"frequency":"daily","count":2}',
          '{"frequency":"WEEKLY","count":2}',
          '{"frequency":["weekly"],"count":2}',
          '{"count":2}',
          '{"frequency":"weekly","count":2,"byDay":["MO"]}',
          '[]',
          '"weekly"',
          'null',
          '52',
        ]) {
          expectInvalid(await raw('POST', '/appointment-series', staff, series(recurrence)), 'recurrence');
        }
        // A prototype key is refused by the JSON parser, before any field is read.
        expectInvalid(await raw('POST', '/appointment-series', staff, series('{"frequency":"weekly","count":2,"__proto__":{"count":52}}')));
      });
    });

    it('answers 422 for slots and windows that are well formed but no slot or window, writing nothing', async () => {
      await writesNothing(async () => {
        for (const [start, end] of [
          ['2027-03-23T10:00:00+01:00', '2027-03-23T10:00:00+01:00'],
          ['2027-03-23T10:00:00+01:00', '2027-03-23T09:59:59.999+01:00'],
          ['2027-03-23T10:00:00+01:00', '2999-12-31T23:59:59Z'],
          ['2027-02-26T10:00:00+01:00', '2027-02-26T10:20:00+01:00'],
        ]) {
          expectProblem(await post('/holds', staff, holdBody({ start, end })), 422);
        }
        for (const [from, to] of [['2027-08-06', '2027-08-02'], ['2027-02-01', '2027-02-02'], ['2027-08-02', '2099-08-02']]) {
          expectProblem(await post('/waitlist', staff, waitlistBody({ from, to })), 422);
        }
        expectProblem(await post(`/appointment-series/${seriesId}/cancel`, staff, { reason: 'x', from: '2099-01-01' }), 422);
        expectProblem(await post(`/appointment-series/${seriesId}/cancel`, staff, { reason: 'x', from: '2027-02-01' }), 422);
      });
    });
  });

  describe('the shape of a body', () => {
    const deepArrays = '['.repeat(3000) + ']'.repeat(3000);
    const deepObjects = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
    const nestedHuge = '['.repeat(50_000) + ']'.repeat(50_000);

    it('refuses bodies nested thousands deep, in any field, on every command, with and without an Idempotency-Key, writing nothing', async () => {
      await writesNothing(async () => {
        for (const headers of [{}, { 'idempotency-key': 'deep-booking-flow' }] as Array<Record<string, string>>) {
          for (const { path, token, body } of bodies()) {
            const field = Object.keys(body)[0];
            expectInvalid(await raw('POST', path, token, JSON.stringify({ ...body, [field]: 'PLACEHOLDER' }).replace('"PLACEHOLDER"', deepArrays), headers), field);
            expectInvalid(await raw('POST', path, token, deepObjects, headers));
            expectInvalid(await raw('POST', path, token, deepArrays, headers));
            expectInvalid(await raw('POST', path, token, nestedHuge, headers));
          }
          const series = JSON.stringify(seriesBody({ start: '2027-03-31T11:00:00+02:00' }, { frequency: 'weekly', count: 'PLACEHOLDER' })).replace('"PLACEHOLDER"', deepObjects);
          expectInvalid(await raw('POST', '/appointment-series', staff, series, headers), 'recurrence');
        }
        for (const path of [`/waitlist/${entryId}/accept`, `/waitlist/${entryId}/decline`]) {
          expectInvalid(await raw('POST', path, staff, deepObjects));
          expectInvalid(await raw('POST', path, staff, `{"extra":${deepArrays}}`));
        }
      });
    });

    it('refuses huge arrays, bodies that are no object and values of the wrong type, writing nothing', async () => {
      const manyIds = Array.from({ length: 2000 }, () => demo.mia.id);
      await writesNothing(async () => {
        for (const { path, token, body } of bodies()) {
          for (const field of Object.keys(body)) {
            expectInvalid(await post(path, token, { ...body, [field]: manyIds }), field);
            for (const value of [42, true, { $ne: null }, ['x']]) expectInvalid(await post(path, token, { ...body, [field]: value }), field);
          }
          for (const sent of ['[]', '"x"', '1', 'true', `[${JSON.stringify(body)}]`]) expectInvalid(await raw('POST', path, token, sent));
        }
        expectInvalid(await post('/appointment-series', staff, seriesBody({}, { frequency: 'weekly', count: 2, until: manyIds })), 'recurrence');
        for (const path of [`/waitlist/${entryId}/accept`, `/waitlist/${entryId}/decline`]) {
          for (const sent of ['[]', '"x"', '1', 'true']) expectInvalid(await raw('POST', path, staff, sent));
        }
      });
    });

    it('refuses unknown fields and prototype keys on every command, accept and decline included, writing nothing', async () => {
      await writesNothing(async () => {
        for (const { path, token, body } of bodies()) {
          expectInvalid(await post(path, token, { ...body, extra: 1 }), 'extra');
          expectInvalid(await post(path, token, { ...body, status: 'booked' }), 'status');
          expectInvalid(await raw('POST', path, token, JSON.stringify(body).replace(/^\{/, '{"__proto__":{"role":"admin"},')));
          expectInvalid(await raw('POST', path, token, JSON.stringify(body).replace(/^\{/, '{"constructor":{"prototype":{"role":"admin"}},')));
        }
        for (const path of [`/waitlist/${entryId}/accept`, `/waitlist/${entryId}/decline`]) {
          expectInvalid(await post(path, staff, { holdId }), 'holdId');
          expectInvalid(await post(path, staff, { patientId: demo.lukas.id }), 'patientId');
        }
        expectInvalid(await post('/holds', staff, holdBody(), { 'if-match': '"1"' }), 'If-Match');
        expectInvalid(await request('DELETE', `/holds/${holdId}`, staff, { headers: { 'if-match': '"1"' } }), 'If-Match');
      });
      expect((await get(`/holds/${holdId}`)).body.status).toBe('held');
      expect((await get(`/waitlist/${entryId}`)).body.status).toBe('waiting');
    });
  });

  describe('roles', () => {
    it('keeps another patient’s hold, entry and series out of sight (404), and refuses converting another patient’s hold, writing nothing', async () => {
      await writesNothing(async () => {
        for (const { method, path, body } of idRoutes) {
          const id = path.startsWith('/holds') ? holdId : path.startsWith('/waitlist') ? entryId : seriesId;
          expectProblem(await request(method, at(path, id), lukas, { body }), 404);
        }
        expectProblem(await post('/appointments', lukas, bookingBody({ start: '2027-03-23T09:00:00+01:00', patientId: demo.lukas.id, holdId })), 404);
        expectProblem(await post('/appointments', lukas, bookingBody({ start: '2027-03-23T09:00:00+01:00', holdId })), 403);
        expectProblem(await post('/appointments', staff, bookingBody({ start: '2027-03-23T09:00:00+01:00', patientId: demo.lukas.id, holdId })), 422);
        expectProblem(await post('/holds', lukas, holdBody({ start: '2027-03-23T11:00:00+01:00' })), 403);
        expectProblem(await post('/waitlist', lukas, waitlistBody()), 403);
        expectProblem(await post('/appointment-series', lukas, seriesBody({ start: '2027-03-31T11:00:00+02:00' })), 403);
      });
      expect((await get(`/holds/${holdId}`, mia)).body).toMatchObject({ id: holdId, status: 'held' });
    });

    it('refuses doctors, admins and service tokens at the patient’s commands (403), and anyone without a token (401), writing nothing', async () => {
      await writesNothing(async () => {
        for (const token of [weberHimself, richterHimself, admin, service]) {
          for (const { path, body } of bodies()) expectProblem(await post(path, token, body), 403);
          for (const { method, path, body } of idRoutes.filter(({ method, path }) => !(method === 'GET' && path.startsWith('/appointment-series') && token !== service))) {
            const id = path.startsWith('/holds') ? holdId : path.startsWith('/waitlist') ? entryId : seriesId;
            expectProblem(await request(method, at(path, id), token, { body }), 403);
          }
        }
        for (const { path, body } of bodies()) expectProblem(await post(path, '', body), 401);
        for (const { method, path, body } of idRoutes) expectProblem(await request(method, at(path, holdId), undefined, { body }), 401);
        expectProblem(await get(`/appointment-series/${seriesId}`, richterHimself), 404);
      });
      expect((await get(`/appointment-series/${seriesId}`, weberHimself)).status).toBe(200);
    });
  });

  describe('races', () => {
    it('releases a hold once when two DELETEs race: one 204, one 410, one HoldReleased', async () => {
      for (const start of ['2027-03-25T09:00:00+01:00', '2027-03-25T10:00:00+01:00', '2027-03-25T11:00:00+01:00']) {
        const held = await post('/holds', staff, holdBody({ start, patientId: elias.id }));
        expect(held.status).toBe(201);
        const answers = await Promise.all([del(`/holds/${held.body.id}`), del(`/holds/${held.body.id}`, t.tokenFor({ role: 'patient', patientId: elias.id }))]);
        expect(answers.map((answer) => answer.status).sort()).toEqual([204, 410]);
        const [{ n }] = await t.dataSource.query(`select count(*)::int as n from events where aggregate_id = $1 and event_type = 'HoldReleased'`, [held.body.id]);
        expect(n).toBe(1);
      }
    });

    it('books an offer once when two accepts race: exactly one 201, the other a 409, one appointment', async () => {
      const offered = await offeredEntry(demo.emma.id, '2027-04-05', '2027-04-05T09:00:00+02:00');
      const emma = t.tokenFor({ role: 'patient', patientId: demo.emma.id });
      const answers = await Promise.all([post(`/waitlist/${offered.id}/accept`, staff, {}), post(`/waitlist/${offered.id}/accept`, emma, {})]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
      const [{ n }] = await t.dataSource.query(`select count(*)::int as n from events where event_type = 'AppointmentCreated' and data->>'holdId' = $1`, [offered.holdId]);
      expect(n).toBe(1);
      expect((await get(`/waitlist/${offered.id}`)).body.status).toBe('booked');
    });

    it('lets exactly one of a decline and an accept racing win, round after round', async () => {
      for (const [index, start] of ['2027-04-06T09:00:00+02:00', '2027-04-07T09:00:00+02:00', '2027-04-08T09:00:00+02:00'].entries()) {
        const patientId = [sofia.id, elias.id, demo.lukas.id][index];
        const offered = await offeredEntry(patientId, start.slice(0, 10), start);
        const [declined, accepted] = await Promise.all([post(`/waitlist/${offered.id}/decline`, staff, {}), post(`/waitlist/${offered.id}/accept`, staff, {})]);
        const statuses = [declined.status, accepted.status];
        expect([[200, 409], [409, 201]]).toContainEqual(statuses);
        const entry = await get(`/waitlist/${offered.id}`);
        expect(entry.body.status).toBe(accepted.status === 201 ? 'booked' : 'waiting');
        expect((await get(`/holds/${offered.holdId}`)).body.status).toBe(accepted.status === 201 ? 'converted' : 'released');
        expect((await del(`/waitlist/${offered.id}`)).status).toBe(accepted.status === 201 ? 409 : 204);
      }
    });

    it('cancels a series once and takes an entry off the list once when two requests race for each', async () => {
      for (const round of [0, 1, 2]) {
        const series = await post('/appointment-series', staff, seriesBody({ doctorId: demo.richter.id, patientId: noah.id, roomId: demo.treatmentRoom.id, start: `2027-04-05T1${round}:00:00+02:00` }, { frequency: 'weekly', count: 3 }));
        expect(series.status).toBe(201);
        const cancels = await Promise.all([0, 1].map(() => post(`/appointment-series/${series.body.id}/cancel`, staff, { reason: 'Moved away' })));
        expect({ round, statuses: cancels.map((answer) => answer.status).sort() }).toEqual({ round, statuses: [200, 422] });
        const [{ n }] = await t.dataSource.query(`select count(*)::int as n from events where aggregate_id = $1 and event_type = 'AppointmentSeriesCancelled'`, [series.body.id]);
        expect(n).toBe(1);

        const joined = await post('/waitlist', staff, waitlistBody({ patientId: noah.id }));
        expect(joined.status).toBe(201);
        const leaves = await Promise.all([del(`/waitlist/${joined.body.id}`), del(`/waitlist/${joined.body.id}`, t.tokenFor({ role: 'patient', patientId: noah.id }))]);
        expect({ round, statuses: leaves.map((answer) => answer.status).sort() }).toEqual({ round, statuses: [204, 409] });
      }
    });

    it('gives a slot to exactly one of a series of 52 weekly occurrences and a single booking racing for it, booking all or none of the series', async () => {
      // Dr. Haddad on Thursdays, room 2: the series for Sofia, the single booking for Elias on one of its dates.
      let seriesBooked = 0;
      for (const [round, time] of ['10:00', '11:00', '12:00'].entries()) {
        const start = `2027-03-04T${time}:00+01:00`;
        const single = bookingBody({ doctorId: haddad.id, patientId: elias.id, roomId: demo.room2.id, start: `2027-${['05-06', '09-16', '12-30'][round]}T${time}:00+0${round === 2 ? 1 : 2}:00` });
        const [series, booked] = await Promise.all([
          post('/appointment-series', staff, seriesBody({ doctorId: haddad.id, patientId: sofia.id, roomId: demo.room2.id, start }, { frequency: 'weekly', count: 52 })),
          post('/appointments', staff, single),
        ]);
        expect([[201, 409], [409, 201]]).toContainEqual([series.status, booked.status]);
        if (series.status === 201) seriesBooked += 52;
        const [{ n }] = await t.dataSource.query(`select count(*)::int as n from reservations where patient_id = $1 and doctor_id = $2`, [sofia.id, haddad.id]);
        expect({ round, n }).toEqual({ round, n: seriesBooked });
        if (series.status === 201) expect(series.body.appointments).toHaveLength(52);
        if (series.status === 409) expect(series.body.conflicts).toEqual([expect.objectContaining({ start: new Date(single.start).toISOString() })]);
      }
    });
  });

  it('leaves every subscription running and caught up after all of it', async () => {
    const names = t.app.get(SubscriptionRunner).discovered().map((handler) => handler.options.name);
    await everySubscriptionPasses(t.dataSource, await lastPosition(), names, 30_000);
  });
});
