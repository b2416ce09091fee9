import { isValidTimezone, localDateOf, workingHoursProblems } from './working-hours';

describe('working hours', () => {
  it('accepts sorted, non-overlapping wall-clock ranges, up to 24:00', () => {
    expect(workingHoursProblems({ mon: [['08:00', '12:00'], ['12:00', '17:30']], sun: [['20:00', '24:00']], sat: [] })).toEqual([]);
  });

  it('names each problem', () => {
    expect(workingHoursProblems([])).toEqual(['workingHours must be an object keyed by weekday (mon..sun)']);
    expect(
      workingHoursProblems({
        monday: [['08:00', '12:00']],
        tue: 'all day',
        wed: [['8:00', '12:00']],
        thu: [['13:00', '12:00']],
        fri: [['09:00', '12:00'], ['11:00', '13:00']],
      }),
    ).toEqual([
      'workingHours.monday is not a weekday (use mon, tue, wed, thu, fri, sat, sun)',
      'workingHours.tue must be a list of ["HH:MM","HH:MM"] ranges',
      'workingHours.wed[0] must be ["HH:MM","HH:MM"]',
      'workingHours.thu[0] must end after it starts',
      'workingHours.fri[1] overlaps or precedes the range before it',
    ]);
  });

  it('knows IANA timezones', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimezone('CET+1')).toBe(false);
  });

  it('tells the local date of an instant', () => {
    expect(localDateOf(new Date('2027-03-21T23:30:00Z'), 'Europe/Berlin')).toBe('2027-03-22');
    expect(localDateOf(new Date('2027-03-21T23:30:00Z'), 'America/New_York')).toBe('2027-03-21');
  });
});
