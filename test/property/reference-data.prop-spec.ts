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
 * answer without a server error.
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
});
