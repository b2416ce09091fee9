import { describeError, parseCommandLine, UsageError } from './command';

const spec = { usage: 'Usage: test', options: { role: { type: 'string' } }, positionals: { min: 1, max: 1 } } as const;

describe('describeError', () => {
  it('never says undefined: a rejection without a reason is named as such', () => {
    expect(describeError(undefined)).toBe('failed without giving a reason (undefined)');
    expect(describeError(null)).toBe('failed without giving a reason (null)');
  });

  it('gives the reasons of an AggregateError without a message (a connection refused on every address)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
    const refused6 = Object.assign(new Error('connect ECONNREFUSED ::1:54329'), { code: 'ECONNREFUSED' });
    expect(describeError(new AggregateError([refused6, refused]))).toBe('connect ECONNREFUSED ::1:54329; connect ECONNREFUSED 127.0.0.1:54329');
  });

  it('falls back to the code or name of an error without a message', () => {
    expect(describeError(Object.assign(new Error(''), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
    expect(describeError(new TypeError(''))).toBe('TypeError');
    expect(describeError({ reason: 'x' })).toBe('{"reason":"x"}');
  });
});

describe('parseCommandLine', () => {
  it('takes the options and arguments of the usage', () => {
    expect(parseCommandLine(spec, ['--role', 'staff', 'all'])).toMatchObject({ help: false, line: { values: { role: 'staff' }, positionals: ['all'] } });
  });

  it('understands --help and -h on every command, even without its required arguments', () => {
    expect(parseCommandLine(spec, ['--help']).help).toBe(true);
    expect(parseCommandLine(spec, ['-h']).help).toBe(true);
  });

  it.each([
    [['--bogus', 'x'], /Unknown option '--bogus'/],
    [['--role'], /argument missing/],
    [[], /argument is missing/],
    [['a', 'b'], /Unexpected argument 'b'/],
  ])('refuses %j as a usage error', (argv, message) => {
    expect(() => parseCommandLine(spec, argv)).toThrow(UsageError);
    expect(() => parseCommandLine(spec, argv)).toThrow(message);
  });
});
