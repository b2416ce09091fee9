import { randomUUID } from 'node:crypto';
import { SubscriptionRunner } from '../../src/event-store/subscriptions/subscription-runner';
import { DEMO_CLINIC } from '../../src/database/demo-data';
import { bookingBody, demo } from '../support/demo';
import { Answer, BAD_TEXT, expectInvalid, expectProblem, expectWritesNothing } from '../support/hostile-input';
import { everySubscriptionPasses } from '../support/subscriptions';
import { startTestApp, TestApp } from '../support/test-app';

/** Instants that name no instant: no such day, no offset (a local time, here one Berlin skips), years out of range. */
const NOT_INSTANTS = [
  '2027-02-30T09:00:00+01:00',
  '2027-13-01T09:00:00Z',
  '2027-03-28T02:30',
  '2027-03-28T02:30:00',
  '2027-03-28 02:30:00+01:00',
  '10000-01-01T00:00:00Z',
  '-0001-01-01T00:00:00Z',
  '+012027-04-01T00:00:00Z',
  '2027-04-01',
  '1806000000000',
];

/** Dates that are no calendar date. */
const NOT_DATES = ['2027-02-30', '2027-13-01', '2027-03-28T02:30', '10000-01-01', '-0001-01-01', '2027-4-1', '20270401', ''];

/** `If-Match` values that are no list of entity tags, and `Idempotency-Key` values that are not 1 to 255 visible ASCII characters. */
const BAD_IF_MATCH = ['garbage', '1', '"1" "2"', 'W/1', '*, "1"', '"1'];
const BAD_IDEMPOTENCY_KEYS = ['has space', 'x'.repeat(256), 'caf\u00e9', '\t'];

describe('Hostile input at the schedule endpoints', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let service: string;
  let patient: string;
  let weberHimself: string;
  let richterHimself: string;
  let appointmentId: string;

  const weber = demo.weber.id;
  const haddad = DEMO_CLINIC.doctors[2].id;
  /** A request, its answer naming it (`sent`), so that a failed expectation says which request it was. */
  const request = async (method: string, path: string, token: string | undefined, options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<Answer> => ({
    ...(await t.http.request(method, path, { token, ...options })),
    sent: `${method} ${path} ${options.rawBody ?? (options.body === undefined ? '' : JSON.stringify(options.body))} ${JSON.stringify(options.headers ?? {})}`.slice(0, 300),
  });
  const get = (path: string, token = staff) => request('GET', path, token);
  const post = (path: string, token: string, body: unknown, headers?: Record<string, string>) => request('POST', path, token, { body, headers });
  const put = (path: string, token: string, body: unknown, headers?: Record<string, string>) => request('PUT', path, token, { body, headers });
  const patch = (path: string, token: string, body: unknown, headers?: Record<string, string>) => request('PATCH', path, token, { body, headers });
  const del = (path: string, token: string, headers?: Record<string, string>) => request('DELETE', path, token, { headers });
  const raw = (method: string, path: string, token: string, rawBody: string, headers?: Record<string, string>) => request(method, path, token, { rawBody, headers });

  /** The endpoints that take a body, each with a body they would accept apart from the attack. */
  const bodies = (): Array<{ method: string; path: string; token: string; body: Record<string, unknown> }> => [
    { method: 'POST', path: `/doctors/${weber}/time-off`, token: admin, body: { start: '2027-06-01T09:00:00+02:00', end: '2027-06-01T10:00:00+02:00', reason: 'Course' } },
    { method: 'POST', path: '/closures', token: admin, body: { start: '2027-06-02T00:00:00+02:00', end: '2027-06-03T00:00:00+02:00', reason: 'Holiday' } },
    { method: 'POST', path: `/rooms/${demo.room2.id}/blocks`, token: admin, body: { start: '2027-06-04T09:00:00+02:00', end: '2027-06-04T10:00:00+02:00', reason: 'Paint' } },
    { method: 'PUT', path: `/doctors/${weber}/working-hours`, token: admin, body: { effectiveFrom: '2027-06-07', workingHours: { mon: [['09:00', '12:00']] } } },
    { method: 'PATCH', path: `/doctors/${demo.richter.id}`, token: admin, body: { name: 'Dr. Jonas Richter' } },
    { method: 'PATCH', path: `/patients/${demo.emma.id}`, token: staff, body: { phone: '+49 30 5550103' } },
    { method: 'PATCH', path: `/rooms/${demo.room2.id}`, token: admin, body: { name: 'Consultation room 2' } },
    { method: 'PATCH', path: `/appointment-types/${demo.checkUp.id}`, token: admin, body: { durationMinutes: 40 } },
  ];

  /** A feed request: the calendar as text, a problem as JSON. */
  async function feedAt(path: string, token?: string): Promise<Answer> {
    const response = await fetch(`${t.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await response.text();
    const json = /json/.test(response.headers.get('content-type') ?? '');
    return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text, sent: `GET ${path}`.slice(0, 300) };
  }

  const writesNothing = (attempt: () => Promise<void>) => expectWritesNothing(t.dataSource, attempt);

  async function lastPosition(): Promise<number> {
    return Number((await t.dataSource.query(`select coalesce(max(position), 0) as position from events`))[0].position);
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.tokenFor({ role: 'admin' });
    staff = t.tokenFor({ role: 'staff' });
    service = t.tokenFor({ role: 'service' });
    patient = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
    weberHimself = t.tokenFor({ role: 'doctor', doctorId: weber });
    richterHimself = t.tokenFor({ role: 'doctor', doctorId: demo.richter.id });
    const booked = await post('/appointments', staff, bookingBody({ start: '2027-03-22T15:00:00+01:00' }));
    expect(booked.status).toBe(201);
    appointmentId = booked.body.id;
  });
  afterAll(() => t.close());

  describe('free text', () => {
    it('refuses control characters and lone surrogates in every reason and edited name, with and without an Idempotency-Key, writing nothing', async () => {
      await writesNothing(async () => {
        for (const [name, text] of BAD_TEXT) {
          for (const { method, path, token, body } of bodies().slice(0, 3)) {
            expectInvalid(await request(method, path, token, { body: { ...body, reason: text } }), 'reason');
            expectInvalid(await request(method, path, token, { body: { ...body, reason: text }, headers: { 'idempotency-key': `bad-reason-${name}` } }), 'reason');
          }
          expectInvalid(await patch(`/doctors/${weber}`, admin, { specialty: text }), 'specialty');
          expectInvalid(await patch(`/patients/${demo.emma.id}`, staff, { name: text }), 'name');
          expectInvalid(await patch(`/rooms/${demo.room2.id}`, admin, { name: text }), 'name');
          expectInvalid(await patch(`/appointment-types/${demo.checkUp.id}`, admin, { name: text }), 'name');
          expectInvalid(await put(`/doctors/${weber}/working-hours`, admin, { effectiveFrom: '2027-06-07', workingHours: { mon: [['09:00', `12:00${text}`]] } }), 'workingHours');
        }
        for (const { method, path, token, body } of bodies().slice(0, 3)) {
          expectInvalid(await request(method, path, token, { body: { ...body, reason: 'x'.repeat(1001) } }), 'reason');
          expectInvalid(await request(method, path, token, { body: { ...body, reason: ['Holiday'] } }), 'reason');
        }
        for (const escape of ['\\ud800', '\\udfff', 'x\\ud83d', '\\ude00x']) {
          expectInvalid(await raw('POST', '/closures', admin, `{"start":"2027-06-02T00:00:00+02:00","end":"2027-06-03T00:00:00+02:00","reason":"${escape}"}`), 'reason');
          expectInvalid(await raw('POST', `/doctors/${weber}/time-off`, admin, `{"start":"2027-06-01T09:00:00+02:00","end":"2027-06-01T10:00:00+02:00","reason":"${escape}"}`), 'reason');
          expectInvalid(await raw('PATCH', `/rooms/${demo.room2.id}`, admin, `{"name":"${escape}"}`), 'name');
        }
      });
    });

    it('refuses them in query and path parameters, naming the parameter', async () => {
      expectInvalid(await get(`/doctors/${weber}/time-off?from=2027-06-01T00:00:00Z%00`), 'from');
      expectInvalid(await get('/closures?cursor=%00'), 'cursor');
      expectInvalid(await get(`/rooms/${demo.room1.id}/blocks?to=%07`), 'to');
      expectInvalid(await get(`/availability?date=2027-03-22&appointmentTypeId=${demo.consultation.id}&specialty=Cardiology%00`), 'specialty');
      expectInvalid(await get(`/doctors/${weber}/availability?date=2027-03-22&appointmentTypeId=${demo.consultation.id}&roomId=%1B`), 'roomId');
      expectInvalid(await get(`/doctors/${weber}%00/schedule/history`), 'id');
      expectInvalid(await get('/appointments?needsAttention=true%00'), 'needsAttention');
    });

    it('keeps reasons shaped like the store’s encodings or SQL as text: accepted, listed and in the history as sent', async () => {
      const reasons = ['pd1:AAAA', '{"sealed":"pd1:AAAA"}', '[erased]', "'); drop table events; --", '\\u0000', 'null'];
      for (const [index, reason] of reasons.entries()) {
        const day = `2027-07-${String(index + 5).padStart(2, '0')}`;
        const timeOff = await post(`/doctors/${haddad}/time-off`, admin, { start: `${day}T09:00:00+02:00`, end: `${day}T10:00:00+02:00`, reason });
        expect({ reason, status: timeOff.status, stored: timeOff.body.reason }).toEqual({ reason, status: 201, stored: reason });
        const closure = await post('/closures', admin, { start: `${day}T20:00:00+02:00`, end: `${day}T21:00:00+02:00`, reason });
        expect({ reason, status: closure.status }).toEqual({ reason, status: 201 });
        const history = await get(`/closures/${closure.body.id}/history`);
        expect(JSON.stringify(history.body)).toContain(JSON.stringify(reason).slice(1, -1));
        const listed = await request('GET', `/closures?from=${encodeURIComponent(`${day}T00:00:00+02:00`)}&to=${encodeURIComponent(`${day}T23:00:00+02:00`)}`, staff, {
          headers: { 'x-min-position': closure.headers.get('x-event-position')! },
        });
        expect(listed.body.items.map((item: { reason: string }) => item.reason)).toEqual([reason]);
      }
    });
  });

  describe('dates and instants', () => {
    it('refuses instants that do not exist or carry no offset in every block, writing nothing', async () => {
      await writesNothing(async () => {
        for (const instant of NOT_INSTANTS) {
          for (const { method, path, token, body } of bodies().slice(0, 3)) {
            expectInvalid(await request(method, path, token, { body: { ...body, start: instant } }), 'start');
            expectInvalid(await request(method, path, token, { body: { ...body, end: instant } }), 'end');
          }
        }
        for (const value of [null, 1806000000000, true, ['2027-06-01T09:00:00Z'], { at: '2027-06-01T09:00:00Z' }]) {
          expectInvalid(await post('/closures', admin, { start: value, end: '2027-06-03T00:00:00+02:00', reason: 'x' }), 'start');
        }
      });
    });

    it('refuses dates that do not exist in effectiveFrom and in every date parameter', async () => {
      await writesNothing(async () => {
        for (const date of NOT_DATES) {
          expectInvalid(await put(`/doctors/${weber}/working-hours`, admin, { effectiveFrom: date, workingHours: { mon: [['09:00', '12:00']] } }), 'effectiveFrom');
        }
      });
      for (const date of NOT_DATES) {
        const encoded = encodeURIComponent(date);
        expectInvalid(await get(`/doctors/${weber}/availability?date=${encoded}&appointmentTypeId=${demo.consultation.id}`), 'date');
        expectInvalid(await get(`/availability?date=${encoded}&appointmentTypeId=${demo.consultation.id}`), 'date');
        expectInvalid(await get(`/doctors/${weber}/schedule?date=${encoded}`), 'date');
      }
      for (const instant of NOT_INSTANTS) {
        const encoded = encodeURIComponent(instant);
        for (const list of [`/doctors/${weber}/time-off`, '/closures', `/rooms/${demo.room1.id}/blocks`]) {
          expectInvalid(await get(`${list}?from=${encoded}`), 'from');
          expectInvalid(await get(`${list}?to=${encoded}`), 'to');
        }
      }
    });

    it('answers 422 for a range that ends at or before its start and for a block longer than a year; a year to the day is one block', async () => {
      await writesNothing(async () => {
        for (const { method, path, token, body } of bodies().slice(0, 3)) {
          expectProblem(await request(method, path, token, { body: { ...body, end: body.start } }), 422);
          expectProblem(await request(method, path, token, { body: { ...body, start: '2027-06-05T10:00:00+02:00', end: '2027-06-05T09:59:59.999+02:00' } }), 422);
          expectProblem(await request(method, path, token, { body: { ...body, start: '2028-01-01T00:00:00Z', end: '2029-01-02T00:00:01Z' } }), 422);
          expectProblem(await request(method, path, token, { body: { ...body, start: '2027-06-05T09:00:00Z', end: '2999-12-31T23:59:59Z' } }), 422);
        }
      });
      const leapYear = await post(`/rooms/${demo.treatmentRoom.id}/blocks`, admin, { start: '2028-01-01T00:00:00+01:00', end: '2029-01-01T00:00:00+01:00', reason: 'Rebuilt' });
      expect(leapYear.status).toBe(201);
      const cancelled = await del(`/rooms/${demo.treatmentRoom.id}/blocks/${leapYear.body.id}`, admin);
      expect(cancelled.status).toBe(204);
    });

    it('reads availability and the day on the nights Berlin skips and repeats an hour: slots only in the hours that exist', async () => {
      const hours = await put(`/doctors/${haddad}/working-hours`, admin, { effectiveFrom: '2027-03-21', workingHours: { sun: [['01:00', '04:00']] } });
      expect(hours.status).toBe(200);
      // 01:00 to 04:00 local is two hours on 28 March (02:00 to 03:00 does not exist) and four on 31 October (02:00 to 03:00 twice).
      const worked = { '2027-03-28': ['2027-03-28T00:00:00.000Z', '2027-03-28T02:00:00.000Z'], '2027-10-31': ['2027-10-30T23:00:00.000Z', '2027-10-31T03:00:00.000Z'] };
      for (const [date, [from, to]] of Object.entries(worked)) {
        const day = await get(`/doctors/${haddad}/availability?date=${date}&appointmentTypeId=${demo.consultation.id}`);
        expect(day.status).toBe(200);
        const slots: Array<{ start: string; end: string }> = day.body.slots;
        expect(slots.length).toBeGreaterThan(0);
        expect(slots.filter((slot) => slot.start < from || slot.end > to)).toEqual([]);
        expect(slots.at(-1)!.end > (date === '2027-03-28' ? '2027-03-28T01:30:00.000Z' : '2027-10-31T02:00:00.000Z')).toBe(true);
        expect((await get(`/doctors/${haddad}/schedule?date=${date}`)).status).toBe(200);
      }
      // 02:30 at +01:00 is 03:30 summer time: inside the hours.
      const booked = await post('/appointments', staff, bookingBody({ doctorId: haddad, start: '2027-03-28T02:30:00+01:00' }));
      expect(booked.status).toBe(201);
    });
  });

  describe('numbers, shapes and nesting', () => {
    it('refuses durations and buffers that are not whole minutes in range, sent as raw JSON numbers', async () => {
      await writesNothing(async () => {
        for (const number of ['1e309', '-1e309', '9007199254740992', '9007199254740993', '2147483648', '-1', '1.5', '"30"', 'null', 'true', '[30]', '{}']) {
          expectInvalid(await raw('PATCH', `/appointment-types/${demo.checkUp.id}`, admin, `{"durationMinutes":${number}}`), 'durationMinutes');
          expectInvalid(await raw('PATCH', `/appointment-types/${demo.checkUp.id}`, admin, `{"bufferBeforeMinutes":${number}}`), 'bufferBeforeMinutes');
        }
        expectInvalid(await raw('PATCH', `/appointment-types/${demo.checkUp.id}`, admin, '{"durationMinutes":0}'), 'durationMinutes');
      });
    });

    it('refuses bodies that are not objects, arrays where objects go, and working hours of the wrong shape', async () => {
      await writesNothing(async () => {
        for (const { method, path, token } of bodies()) {
          for (const body of ['[]', '"x"', '1', 'null', '[{"name":"x"}]']) expectInvalid(await raw(method, path, token, body));
        }
        for (const workingHours of [[], [['09:00', '12:00']], 'mon', null, { mon: {} }, { mon: [{ from: '09:00', to: '12:00' }] }, { mon: [['12:00', '09:00']] }, { mon: [['09:00', '24:01']] }, { holiday: [['09:00', '12:00']] }, { mon: [['9:00', '12:00']] }]) {
          expectInvalid(await put(`/doctors/${weber}/working-hours`, admin, { effectiveFrom: '2027-06-07', workingHours }), 'workingHours');
        }
        expectInvalid(await patch(`/doctors/${weber}`, admin, { workingHours: { mon: [['09:00', '12:00']] } }), 'workingHours');
        for (const cancelAppointments of ['true', 1, [true], {}]) {
          expectInvalid(await post('/closures', admin, { ...bodies()[1].body, cancelAppointments }), 'cancelAppointments');
        }
        for (const active of ['false', 0, [false]]) expectInvalid(await patch(`/rooms/${demo.room2.id}`, admin, { active }), 'active');
      });
    });

    it('refuses unknown fields, prototype keys and bodies nested 3,000 levels deep, with or without an Idempotency-Key', async () => {
      const deepArrays = '['.repeat(3000) + ']'.repeat(3000);
      const deepObjects = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
      await writesNothing(async () => {
        for (const { method, path, token, body } of bodies()) {
          for (const extra of ['id', 'version', 'doctorId', 'createdAt', 'colour']) expectInvalid(await request(method, path, token, { body: { ...body, [extra]: 1 } }), extra);
          const fields = JSON.stringify(body).slice(1, -1);
          for (const prototype of ['"__proto__":{"admin":true}', '"constructor":{"prototype":{"admin":true}}']) {
            expectInvalid(await raw(method, path, token, `{${fields},${prototype}}`));
          }
          for (const headers of [{}, { 'idempotency-key': `deep-${method}-${path}` }] as Array<Record<string, string>>) {
            expectInvalid(await raw(method, path, token, `{${fields},"extra":${deepArrays}}`, headers));
            expectInvalid(await raw(method, path, token, deepObjects, headers));
            expectInvalid(await raw(method, path, token, deepArrays, headers));
          }
        }
        expectInvalid(await raw('PUT', `/doctors/${weber}/working-hours`, admin, '{"effectiveFrom":"2027-06-07","workingHours":{"__proto__":{"mon":[["00:00","24:00"]]}}}'));
        expectInvalid(await raw('PUT', `/doctors/${weber}/working-hours`, admin, '{"effectiveFrom":"2027-06-07","workingHours":{"constructor":[["00:00","24:00"]]}}'));
        expectInvalid(await raw('POST', `/doctors/${weber}/calendar-tokens`, admin, '{"doctorId":"x"}'));
        expectInvalid(await raw('POST', `/doctors/${weber}/calendar-tokens`, admin, deepObjects));
      });
    });

    it('refuses repeated, unknown and prototype query parameters', async () => {
      const type = demo.consultation.id;
      expectInvalid(await get(`/doctors/${weber}/availability?date=2027-03-22&date=2027-03-23&appointmentTypeId=${type}`), 'date');
      expectInvalid(await get(`/doctors/${weber}/availability?date=2027-03-22&appointmentTypeId=${type}&appointmentTypeId=${type}`), 'appointmentTypeId');
      expectInvalid(await get(`/doctors/${weber}/availability?date=2027-03-22&appointmentTypeId=${type}&roomId=${demo.room1.id}&roomId=${demo.room2.id}`), 'roomId');
      expectInvalid(await get(`/availability?date=2027-03-22&appointmentTypeId=${type}&specialty=Cardiology&specialty=Dermatology`), 'specialty');
      expectInvalid(await get('/closures?from=2027-03-22T00:00:00Z&from=2027-03-23T00:00:00Z'), 'from');
      expectInvalid(await get(`/doctors/${weber}/time-off?limit=1&limit=2`), 'limit');
      expectInvalid(await get(`/rooms/${demo.room1.id}/blocks?cursor=a&cursor=b`), 'cursor');
      expectInvalid(await get('/appointments?needsAttention=true&needsAttention=false'), 'needsAttention');
      for (const value of ['1', 'yes', 'TRUE', '']) expectInvalid(await get(`/appointments?needsAttention=${value}`), 'needsAttention');
      for (const limit of ['0', '101', '-1', '1.5', '1e1', '9007199254740993']) expectInvalid(await get(`/closures?limit=${limit}`), 'limit');
      expectInvalid(await get(`/availability?date=2027-03-22&appointmentTypeId=${type}&doctorId=${weber}`), 'doctorId');
      expectInvalid(await get('/closures?__proto__=x'), '__proto__');
      expectInvalid(await get(`/doctors/${weber}/time-off?constructor=x`), 'constructor');
      expectInvalid(await get(`/doctors/${weber}/calendar.ics?colour=red`, weberHimself), 'colour');
    });

    it('answers a period that ends before it starts with an empty list', async () => {
      for (const list of [`/doctors/${weber}/time-off`, '/closures', `/rooms/${demo.room1.id}/blocks`]) {
        const answer = await get(`${list}?from=2027-09-01T00:00:00Z&to=2027-03-01T00:00:00Z`);
        expect({ list, status: answer.status, items: answer.body.items }).toEqual({ list, status: 200, items: [] });
      }
    });

    it('answers an SQL-looking specialty with no slots', async () => {
      const answer = await get(`/availability?date=2027-03-22&appointmentTypeId=${demo.consultation.id}&specialty=${encodeURIComponent("' or '1'='1")}`);
      expect(answer.status).toBe(200);
      expect(answer.body.slots).toEqual([]);
    });
  });

  describe('headers', () => {
    it('refuses a malformed If-Match or Idempotency-Key on every schedule command and edit, writing nothing', async () => {
      const timeOff = await post(`/doctors/${weber}/time-off`, admin, { start: '2027-08-02T09:00:00+02:00', end: '2027-08-02T10:00:00+02:00' });
      expect(timeOff.status).toBe(201);
      await writesNothing(async () => {
        for (const { method, path, token, body } of bodies()) {
          for (const ifMatch of BAD_IF_MATCH) expectInvalid(await request(method, path, token, { body, headers: { 'if-match': ifMatch } }), 'If-Match');
        }
        for (const { method, path, token, body } of bodies().slice(0, 4)) {
          for (const key of BAD_IDEMPOTENCY_KEYS) expectInvalid(await request(method, path, token, { body, headers: { 'idempotency-key': key } }));
        }
        for (const ifMatch of BAD_IF_MATCH) expectInvalid(await del(`/doctors/${weber}/time-off/${timeOff.body.id}`, admin, { 'if-match': ifMatch }), 'If-Match');
      });
    });

    it('answers 412 to a weak, foreign or stale tag on an edit, and changes nothing', async () => {
      await writesNothing(async () => {
        for (const ifMatch of ['W/"1"', '"abc"', '""', '"01"', '"99"', '"2147483648"', '"99999999999999999999"']) {
          expectProblem(await patch(`/rooms/${demo.room2.id}`, admin, { name: 'Renamed' }, { 'if-match': ifMatch }), 412);
        }
      });
    });
  });

  describe('calendar feed tokens', () => {
    it('refuses another doctor’s, a revoked, a 10 kB, a NUL-laden or a repeated token with a 401 problem', async () => {
      const weberToken = await post(`/doctors/${weber}/calendar-tokens`, weberHimself, undefined);
      const richterToken = await post(`/doctors/${demo.richter.id}/calendar-tokens`, richterHimself, undefined);
      const revoked = await post(`/doctors/${weber}/calendar-tokens`, admin, undefined);
      expect([weberToken.status, richterToken.status, revoked.status]).toEqual([201, 201, 201]);
      expect((await del(`/doctors/${weber}/calendar-tokens/${revoked.body.id}`, admin)).status).toBe(204);
      const feed = (doctorId: string, query: string) => feedAt(`/doctors/${doctorId}/calendar.ics?${query}`);
      expect((await feed(weber, `token=${weberToken.body.token}`)).status).toBe(200);
      const valid = weberToken.body.token as string;
      for (const query of [
        `token=${richterToken.body.token}`,
        `token=${revoked.body.token}`,
        `token=${'A'.repeat(10_000)}`,
        `token=${valid.slice(0, -1)}%00`,
        `token=${valid}%00`,
        `token=${valid}&token=${valid}`,
        `token=${encodeURIComponent("' or '1'='1")}`,
        `token=${valid.toUpperCase()}`,
        'token=',
        '',
      ]) {
        expectProblem(await feed(weber, query), 401);
      }
      for (const path of [`/doctors/not-a-uuid/calendar.ics?token=${valid}`, `/doctors/${weber.toUpperCase()}x/calendar.ics?token=${valid}`, `/doctors/${demo.richter.id}/calendar.ics?token=${valid}`]) {
        expectProblem(await feedAt(path), 401);
      }
      expectProblem(await feedAt(`/doctors/${weber}/calendar.ics?token=${valid}`, 'not.a.jwt'), 401);
    });

    it('keeps a feed token to its feed: it opens no other route', async () => {
      const issued = await post(`/doctors/${weber}/calendar-tokens`, admin, undefined);
      for (const path of [`/doctors/${weber}/schedule?date=2027-03-22&token=${issued.body.token}`, `/doctors/${weber}/time-off?token=${issued.body.token}`, `/doctors/${weber}/calendar-tokens?token=${issued.body.token}`]) {
        expectProblem(await request('GET', path, undefined), 401);
      }
    });
  });

  describe('ids of other kinds and other owners', () => {
    it('answers 404 for a valid UUID of another kind or another owner, and writes nothing', async () => {
      const timeOff = await post(`/doctors/${weber}/time-off`, admin, { start: '2027-08-04T09:00:00+02:00', end: '2027-08-04T10:00:00+02:00' });
      const closure = await post('/closures', admin, { start: '2027-08-08T00:00:00+02:00', end: '2027-08-09T00:00:00+02:00', reason: 'Sunday' });
      const block = await post(`/rooms/${demo.room1.id}/blocks`, admin, { start: '2027-08-05T09:00:00+02:00', end: '2027-08-05T10:00:00+02:00', reason: 'Paint' });
      const token = await post(`/doctors/${demo.richter.id}/calendar-tokens`, admin, undefined);
      expect([timeOff.status, closure.status, block.status, token.status]).toEqual([201, 201, 201, 201]);
      await writesNothing(async () => {
        for (const id of [appointmentId, block.body.id, timeOff.body.id, weber, randomUUID()]) expectProblem(await del(`/closures/${id}`, admin), 404);
        for (const id of [appointmentId, closure.body.id, block.body.id, randomUUID()]) expectProblem(await del(`/doctors/${weber}/time-off/${id}`, admin), 404);
        expectProblem(await del(`/doctors/${demo.richter.id}/time-off/${timeOff.body.id}`, admin), 404);
        for (const id of [appointmentId, closure.body.id, timeOff.body.id]) expectProblem(await del(`/rooms/${demo.room1.id}/blocks/${id}`, admin), 404);
        expectProblem(await del(`/rooms/${demo.room2.id}/blocks/${block.body.id}`, admin), 404);
        for (const id of [appointmentId, block.body.id, timeOff.body.id]) expectProblem(await get(`/closures/${id}/history`), 404);
        expectProblem(await get(`/rooms/${demo.room2.id}/blocks/${block.body.id}/history`), 404);
        for (const id of [demo.room1.id, demo.mia.id, appointmentId]) {
          expectProblem(await post(`/doctors/${id}/time-off`, admin, { start: '2027-08-06T09:00:00+02:00', end: '2027-08-06T10:00:00+02:00' }), 404);
          expectProblem(await get(`/doctors/${id}/schedule/history`), 404);
          expectProblem(await get(`/doctors/${id}/availability?date=2027-08-06&appointmentTypeId=${demo.consultation.id}`), 404);
          expectProblem(await post(`/doctors/${id}/calendar-tokens`, admin, undefined), 404);
          expectProblem(await patch(`/doctors/${id}`, admin, { name: 'X' }), 404);
        }
        for (const id of [demo.room1.id, demo.mia.id]) expectProblem(await put(`/doctors/${id}/working-hours`, admin, { effectiveFrom: '2027-08-06', workingHours: {} }), 404);
        for (const id of [weber, appointmentId]) {
          expectProblem(await post(`/rooms/${id}/blocks`, admin, { start: '2027-08-06T09:00:00+02:00', end: '2027-08-06T10:00:00+02:00', reason: 'x' }), 404);
          expectProblem(await patch(`/rooms/${id}`, admin, { name: 'X' }), 404);
          expectProblem(await patch(`/appointment-types/${id}`, admin, { name: 'X' }), 404);
          expectProblem(await patch(`/patients/${id}`, admin, { name: 'X' }), 404);
        }
        expectProblem(await del(`/doctors/${weber}/calendar-tokens/${token.body.id}`, admin), 404);
        const unknownType = await get(`/doctors/${weber}/availability?date=2027-08-06&appointmentTypeId=${demo.room1.id}`);
        expect([404, 422]).toContain(unknownType.status);
        expect(unknownType.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      });
    });
  });

  describe('roles', () => {
    it('refuses patients, services and doctors outside their own schedule, writing nothing', async () => {
      const timeOff = await post(`/doctors/${weber}/time-off`, admin, { start: '2027-08-10T09:00:00+02:00', end: '2027-08-10T10:00:00+02:00' });
      expect(timeOff.status).toBe(201);
      await writesNothing(async () => {
        for (const token of [patient, service, weberHimself, richterHimself, staff]) {
          for (const { method, path, body } of bodies().slice(0, 4)) expectProblem(await request(method, path, token, { body }), 403);
          expectProblem(await del(`/doctors/${weber}/time-off/${timeOff.body.id}`, token), 403);
          expectProblem(await patch(`/doctors/${weber}`, token, { name: 'Dr. X' }), 403);
          expectProblem(await patch(`/rooms/${demo.room1.id}`, token, { name: 'X' }), 403);
          expectProblem(await patch(`/appointment-types/${demo.consultation.id}`, token, { name: 'X' }), 403);
        }
        for (const token of [patient, service]) {
          for (const path of [`/doctors/${weber}/time-off`, '/closures', `/rooms/${demo.room1.id}/blocks`, `/doctors/${weber}/schedule/history`, `/doctors/${weber}/calendar.ics`, `/doctors/${weber}/calendar-tokens`, '/appointments?needsAttention=true'].filter(
            (path) => !(token === patient && path.startsWith('/appointments')),
          )) {
            expectProblem(await get(path, token), 403);
          }
          expectProblem(await post(`/doctors/${weber}/calendar-tokens`, token, undefined), 403);
        }
        for (const path of [`/doctors/${weber}/time-off`, `/doctors/${weber}/schedule/history`, `/doctors/${weber}/calendar.ics`, `/doctors/${weber}/calendar-tokens`]) {
          expectProblem(await get(path, richterHimself), 404);
        }
        expectProblem(await post(`/doctors/${weber}/calendar-tokens`, richterHimself, undefined), 404);
        expectProblem(await patch(`/patients/${demo.lukas.id}`, patient, { phone: '+49 30 1' }), 404);
        const ownName = await patch(`/patients/${demo.mia.id}`, patient, { name: 'Someone else' });
        expect([400, 403]).toContain(ownName.status);
        expect(ownName.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expectProblem(await patch(`/patients/${demo.mia.id}`, patient, { active: false }), ownName.status);
        expectProblem(await get(`/doctors/${weber}/availability?date=2027-03-22&appointmentTypeId=${demo.consultation.id}&patientId=${demo.lukas.id}`, patient), 404);
      });
      const needsAttention = await get('/appointments?needsAttention=true', patient);
      expect(needsAttention.status).toBeLessThan(500);
    });
  });

  it('leaves every subscription running and caught up after all of it', async () => {
    const names = t.app.get(SubscriptionRunner).discovered().map((handler) => handler.options.name);
    await everySubscriptionPasses(t.dataSource, await lastPosition(), names, 30_000);
  });
});
