import fc from 'fast-check';
import { DEMO_CLINIC } from '../../src/database/demo-data';
import { bookingBody, demo } from '../support/demo';
import { before, bounded, checkProperty, ContractBroken, describeReply, expectContractKept, PROPERTY_TIMEOUT_MS } from './support/api-contract';
import { CalendarText, instantText } from './support/calendar-text';
import { APP_START_TIMEOUT_MS, ClinicUnderTest } from './support/clinic-under-test';
import { correlationId, idempotencyKey, ifMatchValue, ifMatchVerdict } from './support/hostile-headers';
import { hostileBody } from './support/hostile-json';

/**
 * The appointment commands' other inputs: the instants of a booking or reschedule (a day or
 * time that does not exist is a 400, never moved to another day), If-Match (strong comparison,
 * RFC 9110), and the bodyless lifecycle commands (check-in, complete, no-show) sent hostile
 * bodies and headers.
 */
describe('appointment commands (property)', () => {
  let clinic: ClinicUnderTest;
  beforeAll(async () => {
    clinic = await ClinicUnderTest.start();
  }, APP_START_TIMEOUT_MS);
  afterAll(() => clinic.close());

  /** A start, and maybe an end, of a booking or reschedule. */
  const times = fc.record({ start: instantText, end: fc.option(instantText, { nil: undefined }) });

  /** What the instants of a command demand: a 400 when one is not real, and a 2xx keeps them exactly. */
  function expectInstantsKept(sent: { start: CalendarText; end?: CalendarText }, reply: { status: number; json: any }, answer: string): void {
    const sentTimes = [sent.start, ...(sent.end ? [sent.end] : [])];
    if (sentTimes.some((time) => time.kind === 'impossible') && reply.status !== 400) {
      throw new ContractBroken(`An instant that does not exist (${sentTimes.map((time) => time.text).join(', ')}) answered ${answer}`);
    }
    if (reply.status >= 300) return;
    for (const [field, time] of [['start', sent.start], ['end', sent.end]] as const) {
      if (time?.kind === 'real' && Date.parse(reply.json[field]) !== time.instant) {
        throw new ContractBroken(`${field} ${time.text} was accepted as ${reply.json[field]}`);
      }
    }
  }

  it('POST /appointments with any start and end: an instant that does not exist is a 400, an accepted one is kept exactly', async () => {
    // Dr. Haddad, the treatment room and Elias: nobody else in this file books them.
    const elias = DEMO_CLINIC.patients[5];
    await checkProperty(
      fc.asyncProperty(bounded(times), async (sent) => {
        await clinic.startRun();
        const body: Record<string, unknown> = bookingBody({ doctorId: DEMO_CLINIC.doctors[2].id, roomId: demo.treatmentRoom.id, patientId: elias.id, start: sent.start.text, title: 'Check-up' });
        if (sent.end) body.end = sent.end.text;
        const start = await before(clinic);
        const reply = await clinic.send({ method: 'POST', target: '/appointments', token: clinic.token({ role: 'staff' }), body: JSON.stringify(body) });
        await expectContractKept(clinic, reply, start);
        expectInstantsKept(sent, reply, describeReply(reply));
      }),
      50,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('POST /appointments/:id/reschedule with any start and end: the same', async () => {
    await checkProperty(
      fc.asyncProperty(bounded(times), async (sent) => {
        await clinic.startRun();
        const appointment = await clinic.book();
        const body: Record<string, string> = { start: sent.start.text };
        if (sent.end) body.end = sent.end.text;
        const start = await before(clinic);
        const reply = await clinic.send({ method: 'POST', target: `/appointments/${appointment.id}/reschedule`, token: clinic.token({ role: 'staff' }), body: JSON.stringify(body) });
        await expectContractKept(clinic, reply, start);
        expectInstantsKept(sent, reply, describeReply(reply));
      }),
      40,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('If-Match on a command: only a strong match of the current ETag runs it; a valid tag that does not match is a 412, a malformed one a 400', async () => {
    await checkProperty(
      fc.asyncProperty(bounded(ifMatchValue), async (ifMatch) => {
        await clinic.startRun();
        const appointment = await clinic.book();
        const start = await before(clinic);
        const reply = await clinic.send({
          method: 'POST',
          target: `/appointments/${appointment.id}/cancel`,
          token: clinic.token({ role: 'staff' }),
          body: JSON.stringify({ reason: 'Patient called' }),
          headers: { 'if-match': ifMatch },
        });
        await expectContractKept(clinic, reply, start);
        const expected = { matches: 200, stale: 412, malformed: 400 }[ifMatchVerdict(ifMatch, 1)];
        if (reply.status !== expected) throw new ContractBroken(`If-Match ${JSON.stringify(ifMatch)} against ETag "1": expected ${expected}, got ${describeReply(reply)}`);
      }),
      60,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('check-in, complete and no-show with hostile bodies and headers keep the contract', async () => {
    const request = fc.record({
      command: fc.constantFrom('check-in', 'complete', 'no-show'),
      body: fc.option(hostileBody([]), { nil: undefined }),
      idempotencyKey: fc.option(idempotencyKey, { nil: undefined }),
      correlationId: fc.option(correlationId, { nil: undefined }),
    });
    await checkProperty(
      fc.asyncProperty(bounded(request), async ({ command, body, ...headers }) => {
        await clinic.startRun();
        const appointment = await clinic.book();
        const staff = clinic.token({ role: 'staff' });
        const startsAt = Date.parse(appointment.start);
        // Each command is allowed at its moment: check-in on the day, no-show after the start.
        clinic.t.clock.set(new Date(command === 'no-show' ? startsAt + 30 * 60_000 : startsAt - 10 * 60_000));
        if (command === 'complete') {
          const checkedIn = await clinic.send({ method: 'POST', target: `/appointments/${appointment.id}/check-in`, token: staff });
          if (checkedIn.status !== 200) throw new ContractBroken(`Checking in a fresh appointment: ${describeReply(checkedIn)}`);
          await clinic.readSidePasses(Number(checkedIn.headers.get('x-event-position')));
        }
        const sentHeaders: Record<string, string> = {};
        if (headers.idempotencyKey !== undefined) sentHeaders['idempotency-key'] = headers.idempotencyKey;
        if (headers.correlationId !== undefined) sentHeaders['x-correlation-id'] = headers.correlationId;
        if (body) sentHeaders['content-type'] = body.contentType;
        const start = await before(clinic);
        const reply = await clinic.send({ method: 'POST', target: `/appointments/${appointment.id}/${command}`, token: staff, body: body?.build({}), headers: sentHeaders });
        await expectContractKept(clinic, reply, start);
      }),
      40,
    );
  }, PROPERTY_TIMEOUT_MS);
});
