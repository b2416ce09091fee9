import fc from 'fast-check';
import * as jwt from 'jsonwebtoken';
import { DEMO_CLINIC } from '../../src/database/demo-data';
import { signAccessToken } from '../../src/shared/auth/access-token';
import { demo } from '../support/demo';
import { before, bounded, checkProperty, ContractBroken, describeReply, expectContractKept, PROPERTY_TIMEOUT_MS } from './support/api-contract';
import { calendarDate, CalendarText, instantText } from './support/calendar-text';
import { APP_START_TIMEOUT_MS, BookedAppointment, ClinicUnderTest } from './support/clinic-under-test';
import { headerText, minPositionHeader } from './support/hostile-headers';
import { hostileQueryText, hostileText, numberText } from './support/hostile-text';
import { percentEncode, queryString } from './support/raw-http';

/**
 * Every query parameter and path id of the read routes, and X-Min-Position, with hostile
 * values: ids that are no uuid, numbers past every range, impossible dates, crafted cursors.
 * Reads write nothing, so the contract here is: never a 5xx (except the documented 503 for a
 * minPosition beyond the log's head), a problem document for every refusal, a date or instant
 * that does not exist is a 400, and `?version=N` answers that version or a 404 past the last.
 */
/** The fixed segments of the read routes' paths (the others are ids). */
const ROUTE_WORDS = new Set(['appointments', 'history', 'doctors', 'schedule', 'availability', 'patients', 'rooms', 'appointment-types', 'integration-events']);

describe('queries (property)', () => {
  let clinic: ClinicUnderTest;
  /** Two appointments: one booked (version 1), one cancelled (version 2). */
  let booked: BookedAppointment;
  let cancelled: BookedAppointment;
  /** Cursors the API handed out, to be tampered with. */
  const realCursors: string[] = [];

  beforeAll(async () => {
    clinic = await ClinicUnderTest.start();
    booked = await clinic.book();
    cancelled = await clinic.book();
    await clinic.book();
    const staff = clinic.token({ role: 'staff' });
    const cancel = await clinic.send({ method: 'POST', target: `/appointments/${cancelled.id}/cancel`, token: staff, body: JSON.stringify({ reason: 'Patient called' }) });
    await clinic.readSidePasses(Number(cancel.headers.get('x-event-position')));
    for (const target of ['/appointments?limit=1', '/doctors?limit=1', '/patients?limit=2']) {
      realCursors.push((await clinic.send({ method: 'GET', target, token: staff })).json.nextCursor);
    }
  }, APP_START_TIMEOUT_MS);
  afterAll(() => clinic.close());

  const encoded = (text: fc.Arbitrary<string>) => text.map(percentEncode);
  /** Query text that is already percent-encoded, malformed escapes included. */
  const anyValue = fc.oneof(encoded(hostileText), encoded(numberText), fc.constantFrom('', '%', '%zz', '%00', '%FF', '%C0%80', '%ED%A0%80', '%E2%82', '+', '%2B1'));
  const uuidValue = fc.oneof(fc.uuid().map(percentEncode), fc.constantFrom(demo.weber.id, demo.mia.id, demo.room1.id, demo.weber.id.toUpperCase(), `${demo.weber.id}0`, `{${demo.weber.id}}`), anyValue);
  const instantValue = (field: string) => instantText.map((time) => ({ field, time, value: percentEncode(time.text) }));
  const statusValue = fc.oneof(fc.constantFrom('booked', 'booked,cancelled', 'checked-in,fulfilled,noshow', 'BOOKED', 'booked,', ',', 'booked,booked'), anyValue);

  /** base64url of JSON arrays with the wrong types, lengths and contents, and real cursors tampered with. */
  const cursorValue = fc.oneof(
    fc
      .tuple(fc.oneof(instantText.map((time) => time.text), hostileText, fc.uuid()), fc.oneof(fc.uuid(), hostileText, fc.constant('not-a-uuid')))
      .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
    fc
      .array(fc.oneof(fc.uuid(), instantText.map((time) => time.text), hostileText, fc.double(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }), fc.constant('9'.repeat(400))), { maxLength: 3 })
      .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
    fc.jsonValue({ maxDepth: 2 }).map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
    fc.tuple(fc.nat({ max: 2 }), fc.constantFrom('', 'A', '==', '!', '%00'), fc.nat({ max: 8 })).map(([index, tail, cut]) => `${realCursors[index].slice(0, realCursors[index].length - cut)}${tail}`),
    anyValue,
  );

  interface Parameter {
    name: string;
    value: string;
    /** For dates and instants: whether the text names a real one. */
    time?: CalendarText;
  }

  const param = (name: string, value: fc.Arbitrary<string>) => value.map((v): Parameter => ({ name, value: v }));
  const timeParam = (name: string) => instantValue(name).map(({ time, value }): Parameter => ({ name, value, time }));
  const dateSpec: ParameterSpec = {
    valid: param('date', fc.constant('2027-03-22')),
    hostile: fc.oneof(calendarDate.map((time): Parameter => ({ name: 'date', value: percentEncode(time.text), time })), param('date', anyValue)),
  };

  /** A parameter of a route: values it accepts, and hostile ones. */
  interface ParameterSpec {
    valid: fc.Arbitrary<Parameter>;
    hostile: fc.Arbitrary<Parameter>;
  }
  const spec = (name: string, valid: string[], hostile: fc.Arbitrary<Parameter>): ParameterSpec => ({ valid: param(name, fc.constantFrom(...valid)), hostile });

  /**
   * A route's parameters, each present or not, at most one of them hostile and the others valid
   * (so that the hostile one reaches the code that reads it instead of being refused with its
   * neighbours); minPosition too on the routes that read from tables, and now and then one more:
   * a parameter given twice or one the route does not know.
   */
  const parameters = (specs: ParameterSpec[], options: { minPosition: boolean } = { minPosition: true }) => {
    const all = options.minPosition ? [...specs, spec('minPosition', ['1'], param('minPosition', encoded(numberText)))] : specs;
    const extra = fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.oneof(param('unknown', anyValue), ...all.map((s) => s.valid)) });
    return fc
      .tuple(fc.integer({ min: -1, max: all.length - 1 }), fc.tuple(...all.map((s) => fc.option(s.valid, { nil: undefined }))), fc.tuple(...all.map((s) => s.hostile)), extra)
      .map(([hostileIndex, valid, hostile, more]) => [...valid.map((p, i) => (i === hostileIndex ? hostile[i] : p)), more].filter((p): p is Parameter => p !== undefined));
  };

  /** What the answer must be, beyond the contract, from the parameters sent. */
  function expectedRefusal(params: Parameter[]): string | undefined {
    const impossible = params.find((p) => p.time?.kind === 'impossible');
    return impossible ? `${impossible.name}=${impossible.time!.text} does not exist` : undefined;
  }

  const minPositionOf = (params: Parameter[], header?: string) => {
    const sent = params.find((p) => p.name === 'minPosition');
    return sent ? decodeURIComponent(sent.value) : header;
  };

  interface Read {
    role: 'staff' | 'admin' | 'service' | 'patient' | 'doctor';
    path: string;
    params: Parameter[];
    minPositionHeader?: string;
  }

  async function expectReadKeepsContract(read: Read, extra?: (reply: Awaited<ReturnType<ClinicUnderTest['send']>>) => void): Promise<void> {
    await clinic.startRun();
    const actor = read.role === 'patient' ? { role: read.role, patientId: demo.mia.id } : read.role === 'doctor' ? { role: read.role, doctorId: demo.weber.id } : { role: read.role };
    const headers: Record<string, string> = read.minPositionHeader === undefined ? {} : { 'x-min-position': read.minPositionHeader };
    const start = await before(clinic);
    const reply = await clinic.send({ method: 'GET', target: `${read.path}${queryString(read.params.map((p) => [p.name, p.value]))}`, token: clinic.token(actor), headers });
    let minPosition: string | undefined;
    try {
      minPosition = minPositionOf(read.params, read.minPositionHeader);
    } catch {
      minPosition = undefined;
    }
    await expectContractKept(clinic, reply, start, { minPosition });
    // A wait for a position beyond the head is judged by the property of its own below; a path
    // that names nothing may be refused for that first (400, 404, 414).
    const refusal = expectedRefusal(read.params);
    const pathNamesSomething = read.path.split('/').slice(1).every((segment) => ROUTE_WORDS.has(segment) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment));
    const refused = reply.status === 400 || reply.status === 503 || (!pathNamesSomething && reply.status >= 400);
    if (refusal && !refused) throw new ContractBroken(`${refusal}, yet the answer is ${describeReply(reply)}`);
    extra?.(reply);
  }

  const role = fc.constantFrom('staff' as const, 'patient' as const, 'doctor' as const);
  const withHeader = <T>(arbitrary: fc.Arbitrary<T>) => fc.record({ request: arbitrary, minPositionHeader: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: minPositionHeader }) });

  it('GET /appointments with any filters, limit, cursor and minPosition keeps the contract; an impossible from or to is a 400', async () => {
    const filters = parameters([
      spec('doctorId', [demo.weber.id], param('doctorId', uuidValue)),
      spec('patientId', [demo.mia.id], param('patientId', uuidValue)),
      spec('roomId', [demo.room1.id], param('roomId', uuidValue)),
      spec('status', ['booked', 'booked,cancelled'], param('status', statusValue)),
      spec('from', ['2027-03-01T00%3A00%3A00Z'], fc.oneof(timeParam('from'), param('from', anyValue))),
      spec('to', ['2028-01-01T00%3A00%3A00%2B01%3A00'], timeParam('to')),
      spec('limit', ['1', '100'], param('limit', encoded(numberText))),
      spec('cursor', [realCursors[0]], param('cursor', cursorValue)),
    ]);
    await checkProperty(
      fc.asyncProperty(bounded(withHeader(fc.record({ role, params: filters }))), async ({ request, minPositionHeader: header }) => {
        await expectReadKeepsContract({ role: request.role, path: '/appointments', params: request.params, minPositionHeader: header });
      }),
      60,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('GET /appointments/:id with any version, asOf and id: an impossible asOf is a 400, version N answers version N or a 404 past the last', async () => {
    const which = fc.constantFrom('booked' as const, 'cancelled' as const);
    const request = fc.oneof(
      fc.record({ which, id: fc.option(encoded(hostileText), { nil: undefined }), params: parameters([spec('version', ['1'], param('version', encoded(numberText))), spec('asOf', ['2027-03-01T09%3A00%3A00Z'], timeParam('asOf'))]) }),
      fc.record({ which, id: fc.constant(undefined), params: fc.nat({ max: 4 }).map((version) => [{ name: 'version', value: String(version) }]) }),
    );
    await checkProperty(
      fc.asyncProperty(bounded(withHeader(request)), async ({ request: { which: whichOne, id, params }, minPositionHeader: header }) => {
        const appointment = whichOne === 'booked' ? booked : cancelled;
        const latest = whichOne === 'booked' ? 1 : 2;
        await expectReadKeepsContract({ role: 'staff', path: `/appointments/${id ?? appointment.id}`, params, minPositionHeader: header }, (reply) => {
          // The oracle for version alone: N within the stream answers version N, past it a 404.
          const onlyVersion = id === undefined && header === undefined && params.length === 1 && params[0].name === 'version' && /^[1-9]\d{0,5}$/.test(params[0].value);
          if (!onlyVersion) return;
          const version = Number(params[0].value);
          const expected = version <= latest ? 200 : 404;
          if (reply.status !== expected || (expected === 200 && reply.json.version !== version)) {
            throw new ContractBroken(`?version=${version} of an appointment at version ${latest}: expected ${expected} with that version, got ${describeReply(reply)}`);
          }
        });
      }),
      60,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('history, schedule, availability and the reference reads with any id, date, appointmentTypeId, limit and cursor keep the contract; an impossible date is a 400', async () => {
    const doctorId = fc.oneof(fc.constantFrom(demo.weber.id, DEMO_CLINIC.doctors[2].id), uuidValue);
    const request = fc.oneof(
      fc.record({ path: fc.oneof(fc.constant(`/appointments/${booked.id}/history`), encoded(hostileText).map((id) => `/appointments/${id}/history`)), params: parameters([]) }),
      fc.record({ path: doctorId.map((id) => `/doctors/${id}/schedule`), params: parameters([dateSpec]) }),
      fc.record({ path: doctorId.map((id) => `/doctors/${id}/availability`), params: parameters([dateSpec, spec('appointmentTypeId', [demo.consultation.id], param('appointmentTypeId', uuidValue))]) }),
      fc.record({
        path: fc.constantFrom('/doctors', '/patients', '/rooms', '/appointment-types'),
        params: parameters([spec('limit', ['1', '100'], param('limit', encoded(numberText))), spec('cursor', [realCursors[1]], param('cursor', cursorValue))]),
      }),
      fc.record({ path: fc.tuple(fc.constantFrom('/doctors', '/patients', '/rooms', '/appointment-types'), uuidValue).map(([path, id]) => `${path}/${id}`), params: parameters([]) }),
    );
    await checkProperty(
      fc.asyncProperty(bounded(withHeader(request)), async ({ request: { path, params }, minPositionHeader: header }) => {
        await expectReadKeepsContract({ role: 'staff', path, params, minPositionHeader: header });
      }),
      60,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('GET /integration-events with any after and limit keeps the contract', async () => {
    const params = parameters(
      [spec('after', ['0', '3'], fc.oneof(param('after', encoded(numberText)), param('after', anyValue))), spec('limit', ['1', '1000'], param('limit', encoded(numberText)))],
      { minPosition: false },
    );
    await checkProperty(
      fc.asyncProperty(bounded(params), async (list) => {
        await expectReadKeepsContract({ role: 'service', path: '/integration-events', params: list });
      }),
      40,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('a request that can never succeed is refused at once, not after waiting for a minPosition beyond the head', async () => {
    const request = fc.record({
      route: fc.constantFrom('list' as const, 'single' as const, 'schedule' as const),
      invalid: fc.constantFrom('impossible date' as const, 'unknown parameter' as const, 'number out of range' as const),
      minPosition: fc.constantFrom('1000000', '2147483647', '9007199254740991'),
      asHeader: fc.boolean(),
    });
    await checkProperty(
      fc.asyncProperty(bounded(request), async ({ route, invalid, minPosition, asHeader }) => {
        const target = { list: '/appointments', single: `/appointments/${booked.id}`, schedule: `/doctors/${demo.weber.id}/schedule` }[route];
        const invalidParam: Parameter = {
          'impossible date': { list: { name: 'from', value: '2027-02-30T09%3A00%3A00%2B01%3A00' }, single: { name: 'asOf', value: '2027-02-30T09%3A00%3A00%2B01%3A00' }, schedule: { name: 'date', value: '2027-02-30' } }[route],
          'unknown parameter': { name: 'colour', value: 'blue' },
          'number out of range': route === 'single' ? { name: 'version', value: '0' } : { name: 'limit', value: '0' },
        }[invalid];
        const params = asHeader ? [invalidParam] : [invalidParam, { name: 'minPosition', value: minPosition }];
        await clinic.startRun();
        const start = await before(clinic);
        const reply = await clinic.send({ method: 'GET', target: `${target}${queryString(params.map((p) => [p.name, p.value]))}`, token: clinic.token({ role: 'staff' }), headers: asHeader ? { 'x-min-position': minPosition } : {} });
        await expectContractKept(clinic, reply, start, { minPosition });
        if (reply.status !== 400) throw new ContractBroken(`${invalid} with minPosition ${minPosition}: expected 400 at once, got ${describeReply(reply)}`);
      }),
      20,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('an Authorization that is not a token signed by this clinic for a known actor is a 401 (or 403) problem, never a read', async () => {
    const secret = clinic.t.config.jwtSecret;
    const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const valid = () => clinic.token({ role: 'staff' });
    const tampered = () => {
      const [header, , signature] = valid().split('.');
      return `${header}.${base64url({ sub: 'intruder', role: 'admin', exp: 4102444800 })}.${signature}`;
    };
    const forged: Record<string, () => string> = {
      'alg none': () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'intruder', role: 'admin' })}.`,
      'another secret': () => signAccessToken({ userId: 'intruder', role: 'admin' }, 'another-secret-of-at-least-32-characters!'),
      expired: () => signAccessToken({ userId: 'someone', role: 'staff' }, secret, -60),
      'payload swapped under a valid signature': tampered,
      'valid token cut short': () => valid().slice(0, -3),
      'valid token in a Basic scheme': () => `Basic ${valid()}`,
    };
    /** Validly signed, claims no actor may have: a 401, or a 403 for the unknown role. */
    const badClaims: Record<string, () => string> = {
      'unknown role': () => jwt.sign({ role: 'root' }, secret, { algorithm: 'HS256', subject: 'someone', expiresIn: 60 }),
      'patient without patientId': () => jwt.sign({ role: 'patient' }, secret, { algorithm: 'HS256', subject: 'someone', expiresIn: 60 }),
      'doctor with another claim type': () => jwt.sign({ role: 'doctor', doctorId: 42 }, secret, { algorithm: 'HS256', subject: 'someone', expiresIn: 60 }),
      'no subject': () => jwt.sign({ role: 'staff' }, secret, { algorithm: 'HS256', expiresIn: 60 }),
    };
    // Weighted so that every forgery and every bad claim comes up in the runs, not only random text.
    const authorization = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...Object.keys(forged)).map((kind) => ({ kind, claims: false })) },
      { weight: 2, arbitrary: fc.constantFrom(...Object.keys(badClaims)).map((kind) => ({ kind, claims: true })) },
      {
        weight: 1,
        arbitrary: fc
          .oneof(headerText, headerText.map((text) => `Bearer ${text}`), fc.constantFrom('Bearer', 'Bearer ', 'Bearer  .', 'Bearer a.b.c', 'Bearer ..'))
          .map((text) => ({ kind: text, claims: false, raw: true })),
      },
    );
    await checkProperty(
      fc.asyncProperty(bounded(authorization), async (sent) => {
        await clinic.startRun();
        const token = 'raw' in sent ? undefined : (sent.claims ? badClaims : forged)[sent.kind]();
        const value = token === undefined ? sent.kind : token.startsWith('Basic ') ? token : `Bearer ${token}`;
        const start = await before(clinic);
        const reply = await clinic.send({ method: 'GET', target: '/appointments', headers: { authorization: value } });
        await expectContractKept(clinic, reply, start);
        const allowed = sent.claims ? [401, 403] : [401];
        if (!allowed.includes(reply.status)) throw new ContractBroken(`Authorization (${sent.kind}) answered ${describeReply(reply)}`);
      }),
      60,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('DELETE /patients/:id with an id that is no uuid is a problem and erases nothing', async () => {
    await checkProperty(
      fc.asyncProperty(bounded(encoded(hostileQueryText.filter((text) => text.length > 0))), async (id) => {
        await clinic.startRun();
        const start = await before(clinic);
        const reply = await clinic.send({ method: 'DELETE', target: `/patients/${id}`, token: clinic.token({ role: 'admin' }) });
        await expectContractKept(clinic, reply, start);
        if (reply.status < 400) throw new ContractBroken(`DELETE /patients/${id} answered ${describeReply(reply)}`);
      }),
      25,
    );
  }, PROPERTY_TIMEOUT_MS);
});
