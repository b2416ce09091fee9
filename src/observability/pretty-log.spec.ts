import { logFormatFor } from './pretty-log';

describe('log format', () => {
  it.each([
    [{ logFormat: undefined, production: false }, true, 'pretty'],
    [{ logFormat: undefined, production: false }, false, 'json'],
    [{ logFormat: undefined, production: true }, true, 'json'],
    [{ logFormat: undefined, production: true }, false, 'json'],
    [{ logFormat: 'json' as const, production: false }, true, 'json'],
    [{ logFormat: 'pretty' as const, production: false }, false, 'pretty'],
  ])('given %o and a terminal on stdout: %s, when the format is chosen, then it is %s', (config, terminal, expected) => {
    expect(logFormatFor(config, terminal)).toBe(expected);
  });
});
