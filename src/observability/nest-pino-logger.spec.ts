import { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { NestPinoLogger, RequestLoggerMiddleware } from './nest-pino-logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: pino({ level: 'trace' }, stream) };
}

describe('NestPinoLogger', () => {
  it('writes Nest log calls as JSON lines with their context and level', () => {
    const { lines, logger } = capture();
    new NestPinoLogger(logger).log('Listening', 'Main');
    new NestPinoLogger(logger).verbose('details', 'Main');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'Listening', context: 'Main' }),
      expect.objectContaining({ level: 10, msg: 'details', context: 'Main' }),
    ]);
  });

  it("keeps the stack Nest's exception handlers pass as a second string", () => {
    const { lines, logger } = capture();
    new NestPinoLogger(logger).error('boom', 'Error: boom\n    at handler (file.ts:1:1)', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'boom', context: 'ExceptionsHandler', err: { message: 'boom', stack: 'Error: boom\n    at handler (file.ts:1:1)' } });
  });

  it('serialises an Error and merges an object message into the line', () => {
    const { lines, logger } = capture();
    const nest = new NestPinoLogger(logger);
    nest.error(new Error('lost'), 'Worker');
    nest.warn({ appointmentId: 'a1' }, 'Reminders');
    expect(lines[0]).toMatchObject({ msg: 'lost', context: 'Worker', err: { message: 'lost' } });
    expect(lines[1]).toMatchObject({ level: 40, appointmentId: 'a1', context: 'Reminders' });
  });

  it("writes through the request's own logger while that request is handled", async () => {
    const { lines, logger } = capture();
    const nest = new NestPinoLogger(logger);
    const request = { log: logger.child({ reqId: 'req-1', correlationId: 'corr-1' }) } as unknown as IncomingMessage;
    await new Promise<void>((done) =>
      new RequestLoggerMiddleware().use(request, {} as ServerResponse, () => {
        setImmediate(() => {
          nest.error('failed', 'Errors');
          done();
        });
      }),
    );
    nest.log('outside', 'Main');
    expect(lines[0]).toMatchObject({ msg: 'failed', reqId: 'req-1', correlationId: 'corr-1', context: 'Errors' });
    expect(lines[1]).not.toHaveProperty('reqId');
  });
});
