import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-errors';

/** An error as node-postgres builds it from a server's ErrorResponse. */
function serverError(code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`server error ${code}`), { code, severity: 'ERROR', ...extra });
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['08006 connection_failure', serverError('08006')],
    ['08P01 protocol_violation', serverError('08P01')],
    ['57P01 admin_shutdown (pg_terminate_backend)', serverError('57P01', { severity: 'FATAL' })],
    ['57P02 crash_shutdown', serverError('57P02')],
    ['57P03 cannot_connect_now', serverError('57P03', { severity: 'FATAL' })],
    ['57P04 database_dropped', serverError('57P04')],
    ['53300 too_many_connections', serverError('53300', { severity: 'FATAL' })],
    ['55000 at session start: the database does not accept connections', serverError('55000', { severity: 'FATAL', routine: 'CheckMyDatabase' })],
    ['ECONNREFUSED', socketError('ECONNREFUSED')],
    ['ECONNRESET', socketError('ECONNRESET')],
    ['ETIMEDOUT', socketError('ETIMEDOUT')],
    ['EPIPE', socketError('EPIPE')],
    ['a connection that ended under a query', new Error('Connection terminated unexpectedly')],
    ['a connection ended by its connect timeout', new Error('Connection terminated due to connection timeout')],
    ['a client broken earlier', new Error('Client has encountered a connection error and is not queryable')],
    ['the pool had no connection in time', new Error('timeout exceeded when trying to connect')],
  ])('given %s, when classified, then the database is unavailable', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('given TypeORM wrapping a lost connection in a QueryFailedError, when classified, then the database is unavailable', () => {
    expect(isDatabaseUnavailable(new QueryFailedError('select 1', [], serverError('57P01', { severity: 'FATAL' })))).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('select 1', [], new Error('Connection terminated unexpectedly')))).toBe(true);
  });

  it('given errors wrapped as a cause or one per address tried, when classified, then the inner errors decide', () => {
    expect(isDatabaseUnavailable(new Error('could not load', { cause: socketError('ECONNREFUSED') }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([socketError('ECONNREFUSED'), new Error('a bug')]))).toBe(false);
  });

  it.each([
    ['23505 unique_violation', serverError('23505')],
    ['23P01 exclusion_violation', serverError('23P01')],
    ['40001 serialization_failure', serverError('40001')],
    ['42601 syntax_error', serverError('42601')],
    ['55000 raised by a statement (not at session start)', serverError('55000')],
    ['22P02 invalid_text_representation inside TypeORM', new QueryFailedError('select $1::uuid', ['x'], serverError('22P02'))],
    ['an application error that mentions a connection', new Error('Connection terminated by the client on purpose', { cause: new Error('a bug') })],
    ['a plain bug', new TypeError('undefined is not a function')],
    ['not an error at all', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('given %s, when classified, then it is not an outage', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
