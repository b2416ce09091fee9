import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { Client } from 'pg';
import { BookAppointment } from '../../src/appointments/booking/book-appointment';
import { CancelAppointment } from '../../src/appointments/cancelling/cancel-appointment';
import { CommandOptions, CommandOutcome } from '../../src/appointments/command-execution/command-options';
import { RescheduleAppointment } from '../../src/appointments/rescheduling/reschedule-appointment';
import { demo } from '../support/demo';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * How many statements one command sends to PostgreSQL: every query of the `pg` client made on
 * the command's behalf (its asynchronous context), BEGIN and COMMIT included. Each is a round
 * trip to the server; subscriptions are off, so nothing else runs.
 */
describe('Round trips of a command', () => {
  let t: TestApp;
  const command = new AsyncLocalStorage<string[]>();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, and called with its client below
  const originalQuery = Client.prototype.query;

  beforeAll(async () => {
    t = await startTestApp({ env: { RUN_SUBSCRIPTIONS: 'false' } });
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const sent = command.getStore();
      if (sent) sent.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text));
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  });
  afterAll(async () => {
    Client.prototype.query = originalQuery;
    await t.close();
  });

  function options(idempotencyKey?: string): CommandOptions {
    return {
      commandId: randomUUID(),
      context: { actor: { userId: 'desk-rt', role: 'staff' }, requestId: 'round-trips', correlationId: randomUUID() },
      ...(idempotencyKey ? { idempotency: { key: idempotencyKey, fingerprint: 'fp' } } : {}),
    };
  }

  async function statementsOf(run: () => Promise<CommandOutcome>): Promise<{ outcome: CommandOutcome; statements: string[] }> {
    const statements: string[] = [];
    const outcome = await command.run(statements, run);
    return { outcome, statements };
  }

  const book = (start: string, key?: string) =>
    t.app.get(CommandBus).execute<BookAppointment, CommandOutcome>(
      new BookAppointment(
        randomUUID(),
        { appointmentTypeId: demo.consultation.id, doctorId: demo.weber.id, patientId: demo.mia.id, roomId: demo.room1.id, start: new Date(start), title: 'Round trips' },
        options(key),
      ),
    );

  it('books with an Idempotency-Key in two statements: the reads, then the commit function', async () => {
    const { outcome, statements } = await statementsOf(() => book('2027-03-22T09:00:00+01:00', 'rt-book'));
    expect(outcome.created).toBe(true);
    expect(statements).toHaveLength(2);
    expect(statements[1]).toMatch(/commit_command/);
    const [{ count }] = await t.dataSource.query(`select count(*)::int as count from idempotency_keys where key = 'rt-book'`);
    expect(count).toBe(1);
  });

  it('replays a booking with the same key in one statement', async () => {
    const first = await book('2027-03-22T10:00:00+01:00', 'rt-replay');
    const { outcome, statements } = await statementsOf(() => book('2027-03-22T10:00:00+01:00', 'rt-replay'));
    expect(outcome).toMatchObject({ replayed: true, position: first.position, appointment: { id: first.appointment.id } });
    expect(statements).toHaveLength(1);
  });

  it('reschedules and cancels in three statements: the stream, the keys and reference data, then the commit function', async () => {
    const booked = await book('2027-03-23T09:00:00+01:00');
    const bus = t.app.get(CommandBus);
    const rescheduled = await statementsOf(() =>
      bus.execute(new RescheduleAppointment(booked.appointment.id, { start: new Date('2027-03-23T10:00:00+01:00') }, options())),
    );
    expect(rescheduled.outcome.appointment).toMatchObject({ version: 2, start: '2027-03-23T09:00:00.000Z', title: 'Round trips' });
    expect(rescheduled.statements).toHaveLength(3);
    const cancelled = await statementsOf(() => bus.execute(new CancelAppointment(booked.appointment.id, { reason: 'Feeling better' }, options())));
    expect(cancelled.outcome.appointment).toMatchObject({ version: 3, status: 'cancelled', cancellationReason: 'Feeling better' });
    expect(cancelled.statements).toHaveLength(3);
  });
});
