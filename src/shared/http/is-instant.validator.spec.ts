import { calendarDateProblem } from './calendar-date.validator';
import { parseInstant } from './is-instant.validator';

const instantOf = (value: string) => {
  const parsed = parseInstant(value);
  return 'instant' in parsed ? parsed.instant.toISOString() : parsed.problem;
};

describe('instants', () => {
  it('given real date-times with an offset, then they name that instant', () => {
    expect(instantOf('2027-03-22T09:00:00+01:00')).toBe('2027-03-22T08:00:00.000Z');
    expect(instantOf('2027-03-22T09:00+01:00')).toBe('2027-03-22T08:00:00.000Z');
    expect(instantOf('2027-03-22T08:00:00.123456789Z')).toBe('2027-03-22T08:00:00.123Z');
    expect(instantOf('2028-02-29T23:59:59-05:30')).toBe('2028-03-01T05:29:59.000Z');
    expect(instantOf('2000-02-29T00:00:00Z')).toBe('2000-02-29T00:00:00.000Z');
    expect(instantOf('2027-03-22T09:00:00+14:00')).toBe('2027-03-21T19:00:00.000Z');
  });

  it('given a day that does not exist, then it is refused rather than moved to the next month', () => {
    expect(instantOf('2027-02-30T09:00:00+01:00')).toBe('must be a real date: 2027-02-30 does not exist');
    expect(instantOf('2027-02-29T09:00:00Z')).toMatch(/2027-02-29 does not exist/);
    expect(instantOf('1900-02-29T09:00:00Z')).toMatch(/1900-02-29 does not exist/);
    expect(instantOf('2027-04-31T09:00:00Z')).toMatch(/does not exist/);
    expect(instantOf('2027-13-01T09:00:00Z')).toMatch(/does not exist/);
    expect(instantOf('2027-00-10T09:00:00Z')).toMatch(/does not exist/);
    expect(instantOf('2027-01-00T09:00:00Z')).toMatch(/does not exist/);
  });

  it('given a time of day that does not exist, then it is refused', () => {
    for (const value of ['2027-03-22T24:00:00Z', '2027-03-22T23:60:00Z', '2027-03-22T23:59:60Z', '2027-03-22T99:00:00Z']) {
      expect(instantOf(value)).toMatch(/must be a real time of day/);
    }
  });

  it('given an offset outside the offsets in use, then it is refused', () => {
    for (const value of ['2027-03-22T09:00:00+15:00', '2027-03-22T09:00:00-14:01', '2027-03-22T09:00:00+01:60', '2027-03-22T09:00:00+99:00']) {
      expect(instantOf(value)).toBe('must have an offset between -14:00 and +14:00');
    }
  });

  it('given a year outside 1900-2999, locally or as an instant, then it is refused', () => {
    for (const value of ['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '3000-01-01T00:00:00Z', '2999-12-31T23:00:00-05:00', '1900-01-01T00:30:00+01:00']) {
      expect(instantOf(value)).toBe('must be between the years 1900 and 2999');
    }
  });

  it('given anything but the format, then it is refused with the format', () => {
    for (const value of ['+275760-09-13T00:00:00Z', '2027-03-22', '2027-03-22T09:00:00', '2027-03-22 09:00:00Z', 'tomorrow', '', '2027-03-22T09:00:00.Z', ' 2027-03-22T09:00:00Z']) {
      expect(instantOf(value)).toMatch(/must be an ISO 8601 date-time with an offset/);
    }
    expect('problem' in parseInstant(1_700_000_000_000)).toBe(true);
  });
});

describe('calendar dates', () => {
  it('given real days, leap days included, then they pass', () => {
    for (const value of ['2027-03-22', '2028-02-29', '2000-02-29', '1900-01-01', '2999-12-31']) expect(calendarDateProblem(value)).toBeUndefined();
  });

  it('given days that do not exist, years out of range or another format, then they are refused', () => {
    expect(calendarDateProblem('2027-02-29')).toBe('must be a real date: 2027-02-29 does not exist');
    expect(calendarDateProblem('2100-02-29')).toMatch(/does not exist/);
    expect(calendarDateProblem('0000-01-01')).toBe('must be between the years 1900 and 2999');
    expect(calendarDateProblem('9999-12-31')).toBe('must be between the years 1900 and 2999');
    for (const value of ['2027-3-22', '22.03.2027', '2027-03-22T00:00:00Z', '+012027-03-22', '']) expect(calendarDateProblem(value)).toBe('must be a calendar date, YYYY-MM-DD');
  });
});
