import { connect } from 'node:net';
import { afterWrite, bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { BAD_TEXT, expectWritesNothing } from '../support/hostile-input';
import { startTestApp, TestApp } from '../support/test-app';

interface Answer {
  status: number;
  contentType: string | null;
  body: any;
  headers: Headers;
}

/** Every table a command or a reference-data write could touch. */
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Hostile input at the HTTP edge', () => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let service: string;
  let appointmentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = t.tokenFor({ role: 'staff' });
    admin = t.tokenFor({ role: 'admin' });
    service = t.tokenFor({ role: 'service' });
    const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-22T15:00:00+01:00' }));
    expect(booked.status).toBe(201);
    appointmentId = booked.body.id;
  });
  afterAll(() => t.close());

  /** Sends `body` as the exact bytes given (a raw string is not re-encoded). */
  async function send(method: string, path: string, token: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
    const all: Record<string, string> = { authorization: `Bearer ${token}`, ...headers };
    if (body !== undefined) all['content-type'] ??= 'application/json';
    const response = await fetch(`${t.baseUrl}${path}`, { method, headers: all, body });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  const post = (path: string, token: string, body: unknown, headers?: Record<string, string>) => send('POST', path, token, JSON.stringify(body), headers);
  const get = (path: string, token = staff) => send('GET', path, token);

  const writesNothing = (attempt: () => Promise<void>) => expectWritesNothing(t.dataSource, attempt);

  /** A 400 problem document; with `field`, its `errors` name that field. */
  function expectInvalid(answer: Answer, field?: string, message?: RegExp): void {
    const context = { status: answer.status, body: answer.body };
    expect(context).toMatchObject({ status: 400, body: { status: 400, title: expect.any(String), detail: expect.any(String) } });
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    if (field !== undefined) expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    if (message !== undefined) expect(answer.body.detail).toMatch(message);
  }

  describe('control characters and lone surrogates (one policy for every text field)', () => {
    it('refuses them in the free text of every command, with and without an Idempotency-Key, and writes nothing', async () => {
      await writesNothing(async () => {
        for (const [name, text] of BAD_TEXT) {
          const start = '2027-03-23T09:00:00+01:00';
          expectInvalid(await post('/appointments', staff, bookingBody({ start, title: text })), 'title');
          expectInvalid(await post('/appointments', staff, bookingBody({ start, title: text }), { 'idempotency-key': `bad-title-${name}` }), 'title');
          expectInvalid(await post(`/appointments/${appointmentId}/cancel`, staff, { reason: text }), 'reason');
          expectInvalid(await post(`/appointments/${appointmentId}/reassign`, staff, { roomId: demo.room2.id, comment: text }, { 'idempotency-key': `bad-comment-${name}` }), 'comment');
        }
      });
    });

    it('refuses a lone surrogate sent as a JSON escape, which parses into a string with no UTF-8 form', async () => {
      await writesNothing(async () => {
        for (const escape of ['\\ud800', '\\udfff', 'x\\ud83d', '\\ude00x']) {
          const body = JSON.stringify(bookingBody({ start: '2027-03-23T09:00:00+01:00', title: 'PLACEHOLDER' })).replace('PLACEHOLDER', escape);
          expectInvalid(await send('POST', '/appointments', staff, body, { 'idempotency-key': `surrogate-${escape}` }), 'title', /lone surrogate/);
          expectInvalid(await send('POST', `/appointments/${appointmentId}/cancel`, staff, `{"reason":"${escape}"}`), 'reason', /lone surrogate/);
        }
      });
    });

    it('accepts line breaks, tabs and any script in free text, and every subscription passes the booking', async () => {
      const title = 'Cough since Monday\r\nFever:\t38.5 °C\n咳嗽 🤧';
      const booked = await post('/appointments', staff, bookingBody({ start: '2027-03-24T09:00:00+01:00', title }));
      expect(booked.status).toBe(201);
      const read = await t.http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked));
      expect(read.body.title).toBe(title);
      await eventually(async () => expect((await get('/health/ready')).status).toBe(200));
    });

    it('refuses them in every reference-data field, nested working hours included, and writes nothing', async () => {
      const doctor = { name: 'Dr. Eva Braun', email: 'eva@clinic.example', specialty: 'Dermatology', timezone: 'Europe/Berlin', workingHours: { mon: [['09:00', '12:00']] } };
      const patient = { name: 'Jonas Weiß', email: 'jonas@example.org', phone: '+49 30 1234567' };
      await writesNothing(async () => {
        for (const [, text] of [...BAD_TEXT, ['LF', 'two\nlines'], ['LS', 'two\u2028lines'], ['TAB', 'a\tb']]) {
          for (const field of ['name', 'email', 'specialty', 'timezone'] as const) {
            expectInvalid(await post('/doctors', admin, { ...doctor, [field]: `${doctor[field]}${text}` }), field);
          }
          expectInvalid(await post('/doctors', admin, { ...doctor, workingHours: { mon: [['09:00', `12:00${text}`]] } }), 'workingHours.mon[0][1]');
          for (const field of ['name', 'email', 'phone'] as const) {
            expectInvalid(await post('/patients', admin, { ...patient, [field]: `${patient[field]}${text}` }), field);
          }
          expectInvalid(await post('/rooms', admin, { name: `Room ${text}` }), 'name');
          expectInvalid(await post('/appointment-types', admin, { name: `Type ${text}`, durationMinutes: 30 }), 'name');
        }
        expectInvalid(await send('POST', '/rooms', admin, '{"name":"Room \\ud800"}'), 'name', /lone surrogate/);
        expectInvalid(await post('/doctors', admin, { ...doctor, workingHours: { 'mon\u0000': [['09:00', '12:00']] } }), 'workingHours');
      });
    });

    it('refuses them in query and path parameters, naming the parameter', async () => {
      expectInvalid(await get('/appointments?title=%00'), 'title');
      for (const parameter of ['doctorId', 'patientId', 'roomId', 'status', 'from', 'to', 'cursor']) {
        expectInvalid(await get(`/appointments?${parameter}=x%00`), parameter, /U\+0000/);
      }
      expectInvalid(await get(`/appointments/${appointmentId}?asOf=2027-03-22T09:00:00Z%07`), 'asOf');
      expectInvalid(await get(`/doctors/${demo.weber.id}/schedule?date=2027-03-22%0A`), 'date');
      expectInvalid(await get(`/doctors/${demo.weber.id}/availability?date=2027-03-22&appointmentTypeId=%1B`), 'appointmentTypeId');
      expectInvalid(await get('/rooms?cursor=%00'), 'cursor');
      expectInvalid(await send('GET', '/integration-events?after=%00', service), 'after');
      expectInvalid(await get('/doctors/%00'), 'id');
      expectInvalid(await get(`/appointments/${appointmentId}%00/history`), 'id');
    });
  });

  describe('dates and instants must exist', () => {
    it('refuses February 30th instead of booking March 2nd, and other impossible instants in commands', async () => {
      await writesNothing(async () => {
        expectInvalid(await post('/appointments', staff, bookingBody({ start: '2027-02-30T09:00:00+01:00' })), 'start', /2027-02-30 does not exist/);
        expectInvalid(await post('/appointments', staff, bookingBody({ start: '2027-03-22T09:00:00+01:00', end: '2027-03-22T24:00:00+01:00' })), 'end', /time of day/);
        for (const start of ['2027-02-29T09:00:00+01:00', '2027-04-31T09:00:00+02:00', '2027-13-01T09:00:00Z', '2027-03-22T09:60:00Z', '2027-03-22T09:00:60Z', '2027-03-22T09:00:00+15:00']) {
          expectInvalid(await post('/appointments', staff, bookingBody({ start })), 'start');
          expectInvalid(await post(`/appointments/${appointmentId}/reschedule`, staff, { start }), 'start');
        }
      });
    });

    it('refuses years out of range, which used to be 500s, in bodies and every instant or date parameter', async () => {
      const years = ['0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '9999-12-31T23:59:59+01:00', '1899-12-31T23:59:59Z'];
      await writesNothing(async () => {
        for (const start of years) expectInvalid(await post('/appointments', staff, bookingBody({ start })), 'start');
      });
      for (const instant of [...years, '2027-02-30T00:00:00Z']) {
        const encoded = encodeURIComponent(instant);
        expectInvalid(await get(`/appointments?from=${encoded}`), 'from');
        expectInvalid(await get(`/appointments?to=${encoded}`), 'to');
        expectInvalid(await get(`/appointments/${appointmentId}?asOf=${encoded}`), 'asOf');
      }
      for (const date of ['0000-01-01', '9999-12-31', '2027-02-29', '2027-02-30', '2027-00-10', '+12027-01-01']) {
        expectInvalid(await get(`/doctors/${demo.weber.id}/schedule?date=${encodeURIComponent(date)}`), 'date');
        expectInvalid(await get(`/doctors/${demo.weber.id}/availability?date=${encodeURIComponent(date)}&appointmentTypeId=${demo.consultation.id}`), 'date');
      }
      expect((await get(`/doctors/${demo.weber.id}/schedule?date=2028-02-29`)).status).toBe(200);
    });
  });

  describe('crafted parameters are 400s, never 500s', () => {
    const crafted = [
      cursorOf(['a', 'b']),
      cursorOf(['2027-03-22T08:00:00.000Z', 'not-a-uuid']),
      cursorOf(['9'.repeat(400), demo.mia.id]),
      cursorOf([1, 2]),
      cursorOf([{}, []]),
      cursorOf(['\u0000', demo.mia.id]),
      cursorOf(['2027-03-22T08:00:00.000Z']),
      cursorOf({ start: '2027-03-22T08:00:00.000Z', id: demo.mia.id }),
      cursorOf([1e308, demo.mia.id]),
      Buffer.from('not json').toString('base64url'),
      'not base64!',
      'A'.repeat(5000),
      '',
    ];

    it('refuses forged cursors on every list', async () => {
      for (const list of ['/appointments', '/doctors', '/patients', '/rooms', '/appointment-types']) {
        for (const cursor of crafted) expectInvalid(await get(`${list}?cursor=${encodeURIComponent(cursor)}`), 'cursor');
      }
      const firstPage = await get('/rooms?limit=1');
      expect((await get(`/rooms?limit=1&cursor=${firstPage.body.nextCursor}`)).status).toBe(200);
    });

    it('refuses a version that is not an integer of the column, and answers 404 past the end of the stream', async () => {
      for (const version of ['2147483648', '99999999999999999999', '-1', '0', '1.5', '1e3', '0x1', ' 1', '', 'abc']) {
        expectInvalid(await get(`/appointments/${appointmentId}?version=${encodeURIComponent(version)}`), 'version');
      }
      expect((await get(`/appointments/${appointmentId}?version=1`)).status).toBe(200);
      const beyond = await get(`/appointments/${appointmentId}?version=2`);
      expect(beyond.status).toBe(404);
      expect(beyond.contentType).toMatch(/^application\/problem\+json/);
      expect(beyond.body.detail).toMatch(/Version 2 of appointment/);
      expect((await get(`/appointments/${appointmentId}?version=2147483647`)).status).toBe(404);
    });

    it('refuses integers beyond their range or not in plain digits: after, limit and minPosition', async () => {
      for (const after of ['9223372036854775808', '99999999999999999999', '9007199254740993', '-1', '1e3', '1.5']) {
        expectInvalid(await send('GET', `/integration-events?after=${after}`, service), 'after');
      }
      for (const limit of ['2147483648', '99999999999999999999', '1e1', '0', '-5', '']) {
        expectInvalid(await send('GET', `/integration-events?limit=${limit}`, service), 'limit');
        for (const list of ['/appointments', '/doctors', '/patients', '/rooms', '/appointment-types']) expectInvalid(await get(`${list}?limit=${limit}`), 'limit');
      }
      for (const position of ['9223372036854775808', '1e3', '0', '-1', 'x']) {
        expectInvalid(await get(`/appointments?minPosition=${position}`), 'minPosition');
        expectInvalid(await send('GET', '/appointments', staff, undefined, { 'x-min-position': position }), 'X-Min-Position');
      }
    });

    it('refuses repeated parameters (except status, which takes a list), prototype keys and unknown parameters', async () => {
      expectInvalid(await get('/appointments?limit=1&limit=2'), 'limit', /given once/);
      expectInvalid(await get(`/appointments?doctorId=${demo.weber.id}&doctorId=${demo.weber.id}`), 'doctorId');
      expectInvalid(await get('/rooms?cursor=a&cursor=b'), 'cursor');
      expectInvalid(await send('GET', '/integration-events?after=1&after=2', service), 'after');
      expectInvalid(await get(`/appointments/${appointmentId}?version=1&version=1`), 'version');
      expectInvalid(await get(`/doctors/${demo.weber.id}/schedule?date=2027-03-22&date=2027-03-23`), 'date');
      const both = await get('/appointments?status=booked&status=cancelled,noshow');
      expect(both.status).toBe(200);
      expect(both.body.items.map((item: { id: string }) => item.id)).toContain(appointmentId);
      expectInvalid(await get('/appointments?__proto__=x'), '__proto__');
      expectInvalid(await get('/appointments?constructor=x'), 'constructor');
      expectInvalid(await get('/rooms?colour=red'), 'colour');
    });

    it('refuses path ids that are not UUIDs on every route, naming the parameter', async () => {
      const notIds = ['not-a-uuid', '1', `${appointmentId}x`, "1' or '1'='1", '%E2%80%AE'];
      for (const id of notIds) {
        for (const path of [`/appointments/${id}`, `/appointments/${id}/history`, `/doctors/${id}`, `/doctors/${id}/schedule?date=2027-03-22`, `/patients/${id}`, `/rooms/${id}`, `/appointment-types/${id}`]) {
          expectInvalid(await get(path), 'id');
        }
        expectInvalid(await post(`/appointments/${id}/cancel`, staff, { reason: 'x' }), 'id');
        expectInvalid(await send('POST', `/appointments/${id}/check-in`, staff), 'id');
      }
    });

    it('refuses bodies nested 3,000 levels deep and 100 kB of nested arrays, with or without an Idempotency-Key', async () => {
      const deepArrays = '['.repeat(3000) + ']'.repeat(3000);
      const deepObjects = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
      const huge = '['.repeat(50_000) + ']'.repeat(50_000);
      await writesNothing(async () => {
        for (const headers of [{}, { 'idempotency-key': 'deep-body' }] as Array<Record<string, string>>) {
          expectInvalid(await send('POST', '/appointments', staff, `{"title":${deepArrays}}`, headers), 'title', /nested more than/);
          expectInvalid(await send('POST', '/appointments', staff, deepObjects, headers), 'a', /nested more than/);
          expectInvalid(await send('POST', '/appointments', staff, deepArrays, headers));
          expectInvalid(await send('POST', '/appointments', staff, huge, headers));
          expectInvalid(await send('POST', `/appointments/${appointmentId}/cancel`, staff, `{"reason":"x","extra":${deepArrays}}`, headers), 'extra');
          expectInvalid(await send('POST', `/appointments/${appointmentId}/check-in`, staff, deepObjects, headers));
        }
        expectInvalid(await send('POST', '/rooms', admin, `{"name":${deepArrays}}`), 'name');
        const doctor = `{"name":"D","email":"d@clinic.example","specialty":"S","timezone":"Europe/Berlin","workingHours":{"mon":${huge}}}`;
        expectInvalid(await send('POST', '/doctors', admin, doctor), 'workingHours');
      });
    });

    it('refuses a body that is not an object, prototype keys and numbers beyond every range, writing nothing', async () => {
      await writesNothing(async () => {
        for (const body of ['[]', '"x"', '1', 'null', 'true', '[{"title":"x"}]']) {
          expectInvalid(await send('POST', '/appointments', staff, body), undefined, /must be a JSON object/);
          expectInvalid(await send('POST', `/appointments/${appointmentId}/cancel`, staff, body));
          expectInvalid(await send('POST', '/rooms', admin, body));
          if (body !== 'null') expectInvalid(await send('POST', `/appointments/${appointmentId}/complete`, staff, body));
        }
        for (const body of ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '{"reason":"x","__proto__":{"a":1}}']) {
          expectInvalid(await send('POST', `/appointments/${appointmentId}/cancel`, staff, body), undefined, /__proto__ or constructor\.prototype/);
        }
        for (const body of ['{"reason":', '{"reason":"x",}', "{'reason':'x'}", '{"reason":"x"} trailing']) {
          expectInvalid(await send('POST', `/appointments/${appointmentId}/cancel`, staff, body), undefined, /not valid JSON/);
        }
        expectInvalid(await send('POST', `/appointments/${appointmentId}/cancel`, staff, '{"reason":"x","constructor":1}'), 'constructor');
        for (const number of ['1e400', '-1e400', '1e308', '2147483648', '9007199254740993', '-0.5', '30.5']) {
          expectInvalid(await send('POST', '/appointment-types', admin, `{"name":"Long","durationMinutes":${number}}`), 'durationMinutes');
          expectInvalid(await send('POST', '/appointment-types', admin, `{"name":"Long","durationMinutes":30,"bufferAfterMinutes":${number}}`), 'bufferAfterMinutes');
        }
      });
    });

    it('refuses a body that is not UTF-8 and a URL whose percent-encoding is not, instead of storing U+FFFD', async () => {
      await writesNothing(async () => {
        for (const bytes of [[0xff, 0xfe], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xe2, 0x82]]) {
          const body = Buffer.concat([Buffer.from('{"name":"Room '), Buffer.from(bytes), Buffer.from('"}')]);
          const response = await fetch(`${t.baseUrl}/rooms`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body });
          expect(response.status).toBe(400);
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(((await response.json()) as { detail: string }).detail).toBe('The request body is not valid UTF-8');
        }
      });
      expect((await post('/rooms', admin, { name: 'Salle d’attente ✓' })).status).toBe(201);
      for (const path of ['/appointments/%FF', '/appointments/%ED%A0%80/history', '/doctors/%C0%AF']) {
        const answer = await get(path);
        expect({ path, status: answer.status }).toEqual({ path, status: 400 });
        expect(answer.contentType).toMatch(/^application\/problem\+json/);
        expect(answer.body).toMatchObject({ status: 400, title: 'Invalid request' });
      }
    });

    it('answers a header the HTTP parser refuses (a control character in If-Match) with a problem document', async () => {
      const { port } = new URL(t.baseUrl);
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(`POST /appointments/${appointmentId}/cancel HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${staff}\r\nIf-Match: "1\u0000"\r\nContent-Length: 2\r\n\r\n{}`);
        });
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString()));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 400 /);
      expect(raw).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, title: 'Invalid request' });
      expect((await get(`/appointments/${appointmentId}`)).body.status).toBe('booked');
    });
  });

  describe('If-Match compares strongly (RFC 9110)', () => {
    let id: string;
    beforeAll(async () => {
      const booked = await post('/appointments', staff, bookingBody({ start: '2027-03-25T09:00:00+01:00', patientId: demo.lukas.id }));
      expect(booked.status).toBe(201);
      id = booked.body.id;
    });
    const reschedule = (start: string, ifMatch: string) => post(`/appointments/${id}/reschedule`, staff, { start }, { 'if-match': ifMatch });

    it('never matches a weak tag, even of the current version', async () => {
      await writesNothing(async () => {
        const weak = await reschedule('2027-03-25T10:00:00+01:00', 'W/"1"');
        expect(weak.status).toBe(412);
        expect(weak.contentType).toMatch(/^application\/problem\+json/);
        expect(weak.body.type).toBe('/problems/stale-version');
        expect((await reschedule('2027-03-25T10:00:00+01:00', 'W/"1", W/"2"')).status).toBe(412);
        expect((await reschedule('2027-03-25T10:00:00+01:00', '"01"')).status).toBe(412);
        // Well-formed entity tags that are not this API's never match either.
        for (const foreign of ['"abc"', '""', '"a,b"']) expect((await reschedule('2027-03-25T10:00:00+01:00', foreign)).status).toBe(412);
      });
    });

    it('matches * whatever the version, and a list when one strong tag is current', async () => {
      const any = await reschedule('2027-03-25T10:00:00+01:00', '*');
      expect(any.status).toBe(200);
      expect(any.headers.get('etag')).toBe('"2"');
      const listed = await reschedule('2027-03-25T11:00:00+01:00', '"1", W/"3", "2"');
      expect(listed.status).toBe(200);
      expect(listed.headers.get('etag')).toBe('"3"');
      const stale = await reschedule('2027-03-25T12:00:00+01:00', '"1", "2"');
      expect(stale.status).toBe(412);
      expect(stale.body.detail).toMatch(/version 1 or 2, the appointment is at version 3/);
    });

    it('refuses a malformed If-Match with a 400 and writes nothing', async () => {
      await writesNothing(async () => {
        for (const value of ['3', 'garbage', '"3" "4"', 'W/3', '*, "3"', '"3']) {
          expectInvalid(await reschedule('2027-03-25T13:00:00+01:00', value), 'If-Match');
        }
      });
    });
  });

  describe('the integration feed', () => {
    it('answers its real last position when asked for events after it', async () => {
      const real = await eventually(async () => {
        const page = await send('GET', '/integration-events?limit=1000', service);
        expect(page.body.lastPosition).toBeGreaterThan(0);
        return page.body.lastPosition as number;
      });
      const beyond = await send('GET', `/integration-events?after=${real + 1000}`, service);
      expect(beyond.status).toBe(200);
      expect(beyond.body).toEqual({ items: [], nextAfter: real + 1000, lastPosition: real });
      const far = await send('GET', `/integration-events?after=${Number.MAX_SAFE_INTEGER}`, service);
      expect(far.body.lastPosition).toBe(real);
    });
  });

  describe('strings shaped like the store’s own encodings are just text', () => {
    it('books, reads back and projects titles that look sealed, erased, JSON or base64', async () => {
      const titles = ['pd1:AAAA', 'pd1:', '[erased]', '{"$x":1}', '{"sealed":"pd1:AAAA"}', '["a",1]', 'null', 'SGVsbG8gd29ybGQ=', '\\u0000'];
      const weekdays = ['05', '06', '07', '08', '09', '12', '13', '14', '15'];
      for (const [index, title] of titles.entries()) {
        const booked = await post('/appointments', staff, bookingBody({ start: `2027-04-${weekdays[index]}T09:00:00+02:00`, title }));
        expect({ title, status: booked.status }).toEqual({ title, status: 201 });
        const read = await t.http.get(`/appointments/${booked.body.id}`, staff, afterWrite(booked));
        expect(read.body.title).toBe(title);
        expect((await get(`/appointments/${booked.body.id}?version=1`)).body.title).toBe(title);
        const cancelled = await post(`/appointments/${booked.body.id}/cancel`, staff, { reason: title });
        expect(cancelled.status).toBe(200);
      }
      await eventually(async () => expect((await get('/health/ready')).status).toBe(200));
    });
  });
});
