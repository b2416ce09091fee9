import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { demo } from '../support/demo';
import { before, bounded, checkProperty, ContractBroken, describeReply, expectContractKept, PROPERTY_TIMEOUT_MS } from './support/api-contract';
import { APP_START_TIMEOUT_MS, ClinicUnderTest } from './support/clinic-under-test';
import { hostileText, numberText } from './support/hostile-text';

/**
 * Reference data written by an admin (doctors, patients, rooms, appointment types) with hostile
 * values in every field. A record that is accepted reads back exactly as sent and stays usable:
 * a new doctor's schedule and availability, and availability with a new appointment type,
 * answer without a server error. An edit (PATCH) that is accepted reads back as sent, one
 * version more; a refused one leaves the record as it was.
 */
describe('reference data (property)', () => {
  let clinic: ClinicUnderTest;
  beforeAll(async () => {
    clinic = await ClinicUnderTest.start();
  }, APP_START_TIMEOUT_MS);
  afterAll(() => clinic.close());

  /** A valid value of a field (more often, so that whole records get accepted too), or a hostile one. */
  const orHostile = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: valid }, { weight: 1, arbitrary: hostileText });
  const unique = () => randomUUID().slice(0, 8);

  const email = fc.oneof(
    { weight: 3, arbitrary: fc.emailAddress() },
    hostileText.map((text) => `${text}@clinic.example`),
    fc.constantFrom('a@b', 'a@b.de\u0000', '"a b"@x.de', 'a@[127.0.0.1]', `${'x'.repeat(300)}@x.de`, 'a@b.de\r\nBcc: c@d.de', 'pd1:a@b.de', '[erased]'),
    hostileText,
  );
  const timezone = fc.oneof(
    fc.constantFrom(
      'Europe/Berlin', 'UTC', 'Etc/GMT+12', 'Etc/GMT-14', 'Pacific/Kiritimati', 'Asia/Kathmandu', 'EST5EDT', 'America/Argentina/ComodRivadavia',
      'europe/berlin', 'Europe/Berlin ', 'Europe/Berlin\u0000', '+01:00', 'UTC+1', 'Local', 'system', '../../../etc/passwd', 'Mars/Olympus', '',
    ),
    hostileText,
  );
  /** Wall-clock times, real and not. */
  const clockTime = fc.oneof(fc.constantFrom('00:00', '09:00', '12:00', '23:59', '24:00', '23:60', '9:00', '09:00:00', '-01:00', '0x09:00'), hostileText);
  const day = fc.oneof(fc.constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'), fc.constantFrom('Mon', 'monday', '__proto__', 'constructor', ''), hostileText);
  const workingHours = fc.oneof(
    fc.dictionary(day, fc.array(fc.tuple(clockTime, clockTime), { maxLength: 4 }), { maxKeys: 4 }),
    fc.dictionary(day, fc.array(fc.array(clockTime, { maxLength: 3 }), { maxLength: 3 }), { maxKeys: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  /** A number field's JSON text: numbers in every notation and range, or a string. */
  const numberJson = fc.oneof(
    fc.constantFrom('30', '1', '0', '-1', '1440', '1441', '240', '241', '1.5', '1e1', '1e400', '-0', '2147483648', '9007199254740993', 'null', 'true', '"30"', '[30]'),
    numberText.map((text) => JSON.stringify(text)),
  );

  interface Creation {
    path: string;
    /** The body as JSON text (numbers may be raw). */
    body: string;
    /** The string fields sent, which an accepted record must read back unchanged. */
    strings: Record<string, string>;
  }

  const creation: fc.Arbitrary<Creation> = fc.oneof(
    fc.record({ name: orHostile(fc.constant('Dr. New')), email, specialty: orHostile(fc.constant('Cardiology')), timezone, workingHours }).map(({ workingHours: hours, ...strings }) => ({
      path: '/doctors',
      body: JSON.stringify({ ...strings, workingHours: hours }),
      strings,
    })),
    fc.record({ name: orHostile(fc.constant('New Patient')), email, phone: fc.option(fc.oneof(fc.constantFrom('+49 30 5550199', '(030) 555-01', '+49 30 5550199\n'), numberText, hostileText), { nil: undefined }) }).map(
      (strings) => ({ path: '/patients', body: JSON.stringify(strings), strings: Object.fromEntries(Object.entries(strings).filter(([, value]) => value !== undefined)) as Record<string, string> }),
    ),
    hostileText.map((name) => ({ path: '/rooms', body: JSON.stringify({ name }), strings: { name } })),
    fc.record({ name: orHostile(fc.constant('New type')), durationMinutes: numberJson, bufferBeforeMinutes: fc.option(numberJson, { nil: undefined }), bufferAfterMinutes: fc.option(numberJson, { nil: undefined }) }).map(
      ({ name, ...numbers }) => ({
        path: '/appointment-types',
        body: `{${[`"name":${JSON.stringify(name)}`, ...Object.entries(numbers).filter(([, json]) => json !== undefined).map(([field, json]) => `"${field}":${json}`)].join(',')}}`,
        strings: { name },
      }),
    ),
  );

  /** Reads that must keep working with a record just created. */
  function usesOf(path: string, id: string): string[] {
    if (path === '/doctors') return [`/doctors/${id}/schedule?date=2027-03-22`, `/doctors/${id}/availability?date=2027-03-22&appointmentTypeId=${demo.consultation.id}`, '/doctors?limit=100'];
    if (path === '/appointment-types') return [`/doctors/${demo.weber.id}/availability?date=2027-03-22&appointmentTypeId=${id}`, '/appointment-types?limit=100'];
    return [`${path}?limit=100`];
  }

  it('POST /doctors, /patients, /rooms, /appointment-types with hostile fields: never a 5xx; an accepted record reads back as sent and stays usable', async () => {
    await checkProperty(
      fc.asyncProperty(bounded(creation), async ({ path, body, strings }) => {
        await clinic.startRun();
        // Names are unique per record in a serious directory: make the valid ones unique per run.
        const sent = body.replace(/"(Dr\. New|New Patient|New type)"/, (_, name: string) => `"${name} ${unique()}"`);
        const admin = clinic.token({ role: 'admin' });
        const start = await before(clinic);
        const reply = await clinic.send({ method: 'POST', target: path, token: admin, body: sent });
        await expectContractKept(clinic, reply, start);
        if (reply.status !== 201) return;
        const stored = await clinic.send({ method: 'GET', target: `${path}/${reply.json.id}`, token: admin });
        if (stored.status !== 200) throw new ContractBroken(`Reading back an accepted record: ${describeReply(stored)}`);
        const sentValues = JSON.parse(sent) as Record<string, unknown>;
        for (const field of Object.keys(strings)) {
          if (stored.json[field] !== sentValues[field]) throw new ContractBroken(`${field} ${JSON.stringify(sentValues[field])} reads back as ${JSON.stringify(stored.json[field])}`);
        }
        for (const target of usesOf(path, reply.json.id)) {
          const beforeUse = await before(clinic);
          await expectContractKept(clinic, await clinic.send({ method: 'GET', target, token: admin }), beforeUse);
        }
      }),
      60,
    );
  }, PROPERTY_TIMEOUT_MS);

  interface Edit {
    path: string;
    /** The partial body, any subset of the kind's fields (and sometimes a field it does not have). */
    fields: Record<string, unknown>;
  }

  /** Any subset of a kind's fields, valid or hostile, with `active` and a stray field now and then. */
  const partial = (path: string, fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Edit> =>
    fc
      .tuple(
        fc.record({ ...fields, active: fc.oneof({ weight: 3, arbitrary: fc.boolean() }, hostileText, fc.constant(null)) }, { requiredKeys: [] }),
        fc.option(fc.integer(), { freq: 6, nil: undefined }),
      )
      .map(([edit, floor]) => ({ path, fields: floor === undefined ? edit : { ...edit, floor } }));

  /** Edits with valid values only, so that accepted edits are checked as often as refused ones. */
  const validEdit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ name: fc.constant('Dr. Valid'), email: fc.emailAddress(), specialty: fc.constant('Neurology'), timezone: fc.constantFrom('Europe/Berlin', 'Asia/Kathmandu', 'UTC'), active: fc.boolean() }, { requiredKeys: [] }).map((fields) => ({ path: '/doctors', fields })),
    fc.record({ name: fc.constant('Valid Patient'), email: fc.emailAddress(), phone: fc.constantFrom('+49 30 5550199', null), active: fc.boolean() }, { requiredKeys: [] }).map((fields) => ({ path: '/patients', fields })),
    fc.record({ name: fc.constant('Valid room'), active: fc.boolean() }, { requiredKeys: [] }).map((fields) => ({ path: '/rooms', fields })),
    fc.record({ durationMinutes: fc.integer({ min: 1, max: 1440 }), bufferAfterMinutes: fc.integer({ min: 0, max: 240 }), active: fc.boolean() }, { requiredKeys: [] }).map((fields) => ({ path: '/appointment-types', fields })),
  );
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    { weight: 4, arbitrary: validEdit },
    partial('/doctors', { name: orHostile(fc.constant('Dr. Edited')), email, specialty: orHostile(fc.constant('Neurology')), timezone, workingHours }),
    partial('/patients', { name: orHostile(fc.constant('Edited Patient')), email, phone: fc.oneof(fc.constantFrom('+49 30 5550199', null), numberText, hostileText) }),
    partial('/rooms', { name: hostileText }),
    partial('/appointment-types', { name: orHostile(fc.constant('Edited type')), durationMinutes: fc.oneof(fc.integer({ min: -5, max: 1500 }), hostileText), bufferBeforeMinutes: fc.integer({ min: -5, max: 300 }) }),
  );

  /** One record of each kind, created once, edited by every run. */
  const targets = new Map<string, string>();
  async function target(path: string): Promise<string> {
    const bodies: Record<string, unknown> = {
      '/doctors': { name: 'Dr. Editable', email: 'editable@clinic.example', specialty: 'Cardiology', timezone: 'Europe/Berlin', workingHours: { mon: [['09:00', '12:00']] } },
      '/patients': { name: 'Editable Patient', email: 'editable@mail.example' },
      '/rooms': { name: 'Editable room' },
      '/appointment-types': { name: 'Editable type', durationMinutes: 20 },
    };
    const known = targets.get(path);
    if (known) return known;
    const reply = await clinic.send({ method: 'POST', target: path, token: clinic.token({ role: 'admin' }), body: JSON.stringify(bodies[path]) });
    targets.set(path, reply.json.id);
    return reply.json.id;
  }

  let accepted = 0;
  it('PATCH of every kind with hostile partial bodies: never a 5xx; an accepted edit reads back as sent, one version more; a refused one changes nothing', async () => {
    await checkProperty(
      fc.asyncProperty(bounded(edit), async ({ path, fields }) => {
        await clinic.startRun();
        const admin = clinic.token({ role: 'admin' });
        const url = `${path}/${await target(path)}`;
        const previous = (await clinic.send({ method: 'GET', target: url, token: admin })).json;
        const start = await before(clinic);
        const reply = await clinic.send({ method: 'PATCH', target: url, token: admin, body: JSON.stringify(fields) });
        await expectContractKept(clinic, reply, start);
        const stored = (await clinic.send({ method: 'GET', target: url, token: admin })).json;
        if (reply.status !== 200) {
          if (JSON.stringify(stored) !== JSON.stringify(previous)) throw new ContractBroken(`A refused edit (${describeReply(reply)}) changed ${JSON.stringify(previous)} into ${JSON.stringify(stored)}`);
          return;
        }
        accepted++;
        if (stored.version !== Number(previous.version) + 1) throw new ContractBroken(`An edit took version ${previous.version} to ${stored.version}`);
        for (const [field, value] of Object.entries(fields)) {
          if (JSON.stringify(stored[field]) !== JSON.stringify(value)) throw new ContractBroken(`${field} ${JSON.stringify(value)} reads back as ${JSON.stringify(stored[field])}`);
        }
      }),
      60,
    );
    // The generator reaches the accepted path too, not only refusals.
    expect(accepted).toBeGreaterThan(5);
  }, PROPERTY_TIMEOUT_MS);
});
