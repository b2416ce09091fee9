import { dateIn } from './clinic-day';

describe("the clinic's day", () => {
  it.each([
    ['2027-03-21T23:30:00Z', 'Europe/Berlin', '2027-03-22'],
    ['2027-03-21T22:59:59Z', 'Europe/Berlin', '2027-03-21'],
    ['2027-07-21T22:30:00Z', 'Europe/Berlin', '2027-07-22'],
    ['2027-03-22T03:30:00Z', 'America/New_York', '2027-03-21'],
    ['2027-03-21T23:30:00Z', 'UTC', '2027-03-21'],
    ['2027-12-31T11:00:00Z', 'Pacific/Auckland', '2028-01-01'],
  ])('given the instant %s, when the day is taken in %s, then it is %s', (instant, zone, expected) => {
    expect(dateIn(zone, new Date(instant))).toBe(expected);
  });
});
