import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { bookingBody, demo } from '../support/demo';
import { before, bounded, checkProperty, expectContractKept, PROPERTY_TIMEOUT_MS } from './support/api-contract';
import { APP_START_TIMEOUT_MS, ClinicUnderTest } from './support/clinic-under-test';
import { hostileBody } from './support/hostile-json';

/**
 * Every route that takes a body, sent bodies built byte for byte from its valid body: JSON
 * nested 64 to 50,000 levels deep (in place of the document or of one field), strings and
 * documents around the 100 kB limit, invalid UTF-8 inside a string, duplicate and prototype
 * keys, numbers past double's range, and the valid body under other media types.
 */
describe('request bodies (property)', () => {
  let clinic: ClinicUnderTest;
  beforeAll(async () => {
    clinic = await ClinicUnderTest.start();
  }, APP_START_TIMEOUT_MS);
  afterAll(() => clinic.close());

  interface BodyRoute {
    role: 'staff' | 'admin';
    fields: readonly string[];
    /** The target and a valid body for this run (a fresh appointment and slot where it needs them). */
    prepare(): Promise<{ target: string; valid: Record<string, unknown> }>;
  }

  const unique = () => randomUUID().slice(0, 8);
  const onFreshAppointment = (command: string, valid: () => Record<string, unknown>) => async () => ({ target: `/appointments/${(await clinic.book()).id}/${command}`, valid: valid() });

  const routes: Record<string, BodyRoute> = {
    'POST /appointments': {
      role: 'staff',
      fields: ['appointmentTypeId', 'doctorId', 'patientId', 'roomId', 'start', 'end', 'title'],
      prepare: () => Promise.resolve({ target: '/appointments', valid: bookingBody({ start: clinic.nextSlot(), patientId: demo.lukas.id }) }),
    },
    'POST /appointments/:id/reschedule': { role: 'staff', fields: ['start', 'end'], prepare: onFreshAppointment('reschedule', () => ({ start: clinic.nextSlot() })) },
    'POST /appointments/:id/reassign': { role: 'staff', fields: ['doctorId', 'roomId', 'comment'], prepare: onFreshAppointment('reassign', () => ({ roomId: demo.room2.id, comment: 'Room change' })) },
    'POST /appointments/:id/cancel': { role: 'staff', fields: ['reason'], prepare: onFreshAppointment('cancel', () => ({ reason: 'Patient called' })) },
    'POST /doctors': {
      role: 'admin',
      fields: ['name', 'email', 'specialty', 'timezone', 'workingHours'],
      prepare: () => Promise.resolve({
        target: '/doctors',
        valid: { name: `Dr. ${unique()}`, email: `${unique()}@clinic.example`, specialty: 'General practice', timezone: 'Europe/Berlin', workingHours: { mon: [['09:00', '12:00']] } },
      }),
    },
    'POST /patients': { role: 'admin', fields: ['name', 'email', 'phone'], prepare: () => Promise.resolve({ target: '/patients', valid: { name: `Patient ${unique()}`, email: `${unique()}@mail.example`, phone: '+49 30 5550199' } }) },
    'POST /rooms': { role: 'admin', fields: ['name'], prepare: () => Promise.resolve({ target: '/rooms', valid: { name: `Room ${unique()}` } }) },
    'POST /appointment-types': {
      role: 'admin',
      fields: ['name', 'durationMinutes', 'bufferBeforeMinutes', 'bufferAfterMinutes'],
      prepare: () => Promise.resolve({ target: '/appointment-types', valid: { name: `Type ${unique()}`, durationMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 5 } }),
    },
  };

  const request = fc.constantFrom(...Object.keys(routes)).chain((route) => hostileBody(routes[route].fields).map((body) => ({ route, body })));

  it('a hostile body on any route: never a 5xx, a problem document for every refusal, and a refusal writes nothing', async () => {
    await checkProperty(
      fc.asyncProperty(bounded(request), async ({ route, body }) => {
        await clinic.startRun();
        const { target, valid } = await routes[route].prepare();
        const start = await before(clinic);
        const reply = await clinic.send({ method: 'POST', target, token: clinic.token({ role: routes[route].role }), body: body.build(valid), headers: { 'content-type': body.contentType } });
        await expectContractKept(clinic, reply, start);
      }),
      60,
    );
  }, PROPERTY_TIMEOUT_MS);
});
