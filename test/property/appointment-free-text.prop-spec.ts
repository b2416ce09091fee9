import fc from 'fast-check';
import { bookingBody, demo } from '../support/demo';
import { before, bounded, checkProperty, ContractBroken, describeReply, expectContractKept, PROPERTY_TIMEOUT_MS } from './support/api-contract';
import { APP_START_TIMEOUT_MS, ClinicUnderTest } from './support/clinic-under-test';
import { correlationId, idempotencyKey, SAFE_CORRELATION_ID } from './support/hostile-headers';
import { hostileText } from './support/hostile-text';
import { RawReply } from './support/raw-http';

/**
 * The free text of appointments (title, reassign comment, cancel reason) with any content, sent
 * through the HTTP API with hostile headers around it. Whatever is accepted must flow through
 * every subscription, read back exactly as sent, and leave the appointment readable in every
 * form (current, as of version 1, history); whatever is refused must write nothing.
 */
describe('appointment free text (property)', () => {
  let clinic: ClinicUnderTest;
  beforeAll(async () => {
    clinic = await ClinicUnderTest.start();
  }, APP_START_TIMEOUT_MS);
  afterAll(() => clinic.close());

  const optionalHeaders = fc.record({ idempotencyKey: fc.option(idempotencyKey, { nil: undefined }), correlationId: fc.option(correlationId, { nil: undefined }) });

  function headersOf(options: { idempotencyKey?: string; correlationId?: string }): Record<string, string> {
    const headers: Record<string, string> = {};
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    if (options.correlationId !== undefined) headers['x-correlation-id'] = options.correlationId;
    return headers;
  }

  function expectSaneCorrelationId(reply: RawReply): void {
    const echoed = reply.headers.get('x-correlation-id');
    if (echoed === null || !SAFE_CORRELATION_ID.test(echoed)) throw new ContractBroken(`X-Correlation-Id echoed as ${JSON.stringify(echoed)}`);
  }

  /** An accepted command's appointment, read back from the read side and from the log. */
  async function readBack(id: string, position: string, token: string): Promise<RawReply> {
    const headers = { 'x-min-position': position };
    const current = await clinic.send({ method: 'GET', target: `/appointments/${id}`, token, headers });
    if (current.status !== 200) throw new ContractBroken(`Reading back an accepted appointment: ${describeReply(current)}`);
    for (const target of [`/appointments/${id}?version=1`, `/appointments/${id}/history`]) {
      const reply = await clinic.send({ method: 'GET', target, token, headers });
      if (reply.status !== 200) throw new ContractBroken(`GET ${target} after an accepted command: ${describeReply(reply)}`);
    }
    return current;
  }

  /** A repeat with the same Idempotency-Key must answer the same and write nothing more. */
  async function expectReplay(first: RawReply, repeat: () => Promise<RawReply>): Promise<void> {
    const start = await before(clinic);
    const second = await repeat();
    if (second.status !== first.status || second.json?.id !== first.json?.id || second.json?.version !== first.json?.version) {
      throw new ContractBroken(`A repeat with the same Idempotency-Key answered ${describeReply(second)} after ${describeReply(first)}`);
    }
    if (second.headers.get('idempotent-replayed') !== 'true') throw new ContractBroken('A replayed answer without Idempotent-Replayed: true');
    await expectContractKept(clinic, second, start);
    if ((await clinic.headPosition()) !== start.head) throw new ContractBroken('A replayed command appended events');
  }

  it('POST /appointments with any title: never a 5xx, an accepted title reads back as sent, a refused one writes nothing', async () => {
    await checkProperty(
      fc.asyncProperty(bounded(hostileText), bounded(optionalHeaders), async (title, options) => {
        await clinic.startRun();
        const token = clinic.token({ role: 'staff' });
        const body = JSON.stringify(bookingBody({ start: clinic.nextSlot(), patientId: demo.emma.id, title }));
        const book = () => clinic.send({ method: 'POST', target: '/appointments', token, body, headers: headersOf(options) });
        const start = await before(clinic);
        const reply = await book();
        await expectContractKept(clinic, reply, start);
        expectSaneCorrelationId(reply);
        if (reply.status >= 300) return;
        if (reply.status !== 201 || !reply.headers.get('location')?.endsWith(`/appointments/${reply.json?.id}`)) {
          throw new ContractBroken(`A booking is 201 Created with its Location: ${describeReply(reply)}`);
        }
        const stored = await readBack(reply.json.id, reply.headers.get('x-event-position')!, token);
        if (stored.json.title !== title) throw new ContractBroken(`The title reads back as ${JSON.stringify(stored.json.title)}`);
        if (options.idempotencyKey !== undefined) await expectReplay(reply, book);
      }),
      50,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('POST /appointments/:id/reassign with any comment and /cancel with any reason keep the contract; an accepted reason reads back', async () => {
    const command = fc.oneof(
      hostileText.map((comment) => ({ path: 'reassign', body: { roomId: demo.room2.id, comment } })),
      hostileText.map((reason) => ({ path: 'cancel', body: { reason } })),
    );
    await checkProperty(
      fc.asyncProperty(bounded(command), bounded(optionalHeaders), async ({ path, body }, options) => {
        await clinic.startRun();
        const appointment = await clinic.book();
        const token = clinic.token({ role: 'staff' });
        const send = () => clinic.send({ method: 'POST', target: `/appointments/${appointment.id}/${path}`, token, body: JSON.stringify(body), headers: headersOf(options) });
        const start = await before(clinic);
        const reply = await send();
        await expectContractKept(clinic, reply, start);
        expectSaneCorrelationId(reply);
        if (reply.status >= 300) return;
        const stored = await readBack(appointment.id, reply.headers.get('x-event-position')!, token);
        if ('reason' in body && stored.json.cancellationReason !== body.reason) {
          throw new ContractBroken(`The cancellation reason reads back as ${JSON.stringify(stored.json.cancellationReason)}`);
        }
        if (options.idempotencyKey !== undefined) await expectReplay(reply, send);
      }),
      50,
    );
  }, PROPERTY_TIMEOUT_MS);
});
