import { integerParam, MAX_INT4 } from './integer-param.validator';

describe('integer parameters', () => {
  it('given plain decimal digits within the range, then they are that number', () => {
    expect(integerParam('1', 1, 100)).toBe(1);
    expect(integerParam('100', 1, 100)).toBe(100);
    expect(integerParam('007', 1, 100)).toBe(7);
    expect(integerParam(String(MAX_INT4), 1, MAX_INT4)).toBe(MAX_INT4);
    expect(integerParam(String(Number.MAX_SAFE_INTEGER), 0, Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('given values outside the range or past what a number holds exactly, then they are refused', () => {
    expect(integerParam('0', 1, 100)).toBeUndefined();
    expect(integerParam('101', 1, 100)).toBeUndefined();
    expect(integerParam(String(MAX_INT4 + 1), 1, MAX_INT4)).toBeUndefined();
    expect(integerParam('9007199254740993', 0, Number.MAX_SAFE_INTEGER)).toBeUndefined();
    expect(integerParam('9223372036854775808', 0, Number.MAX_SAFE_INTEGER)).toBeUndefined();
    expect(integerParam('9'.repeat(400), 0, Number.MAX_SAFE_INTEGER)).toBeUndefined();
  });

  it('given any other spelling of a number, then it is refused rather than converted', () => {
    for (const value of ['1e3', '0x10', '1.0', '1.5', ' 1', '1 ', '+1', '', 'Infinity', 'NaN', '١']) {
      expect({ value, parsed: integerParam(value, 0, 10_000) }).toEqual({ value, parsed: undefined });
    }
    expect(integerParam(['1', '2'], 0, 10)).toBeUndefined();
    expect(integerParam(5, 0, 10)).toBeUndefined();
  });
});
