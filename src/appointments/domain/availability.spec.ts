import { freeSlots } from './availability';
import { DoctorHours } from './working-hours';

const doctor: DoctorHours = {
  id: 'd0000000-0000-4000-8000-000000000001',
  timezone: 'Europe/Berlin',
  workingHours: { mon: [['09:00', '10:00']], sun: [['01:00', '04:00']] },
};
const quarterHour = { id: 't1', durationMinutes: 15, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 };
const longAgo = new Date('2027-01-01T00:00:00Z');
const starts = (slots: Array<{ start: string }>) => slots.map((slot) => slot.start);

describe('free slots', () => {
  it('given an empty day, when asked, then every step of the working hours is free', () => {
    const slots = freeSlots({ doctor, date: '2027-03-22', appointmentType: quarterHour, occupied: [], now: longAgo });
    // Monday 2027-03-22 is CET: 09:00 local is 08:00Z.
    expect(slots).toEqual([
      { start: '2027-03-22T08:00:00.000Z', end: '2027-03-22T08:15:00.000Z' },
      { start: '2027-03-22T08:15:00.000Z', end: '2027-03-22T08:30:00.000Z' },
      { start: '2027-03-22T08:30:00.000Z', end: '2027-03-22T08:45:00.000Z' },
      { start: '2027-03-22T08:45:00.000Z', end: '2027-03-22T09:00:00.000Z' },
    ]);
  });

  it('given the week after the DST change, then the same wall-clock hours are an hour earlier in UTC', () => {
    const slots = freeSlots({ doctor, date: '2027-03-29', appointmentType: quarterHour, occupied: [], now: longAgo });
    expect(starts(slots)[0]).toBe('2027-03-29T07:00:00.000Z');
    expect(slots).toHaveLength(4);
  });

  it('given the night the clocks go forward, then the working range is an hour shorter', () => {
    // Sunday 2027-03-28, 01:00-04:00 local: 00:00Z to 02:00Z, two hours of real time.
    const slots = freeSlots({ doctor, date: '2027-03-28', appointmentType: { ...quarterHour, durationMinutes: 60 }, occupied: [], now: longAgo });
    expect(starts(slots)).toEqual(['2027-03-28T00:00:00.000Z', '2027-03-28T00:15:00.000Z', '2027-03-28T00:30:00.000Z', '2027-03-28T00:45:00.000Z', '2027-03-28T01:00:00.000Z']);
  });

  it('given an appointment with buffers, then slots whose own buffers touch it are taken', () => {
    const occupied = [{ start: new Date('2027-03-22T08:10:00Z'), end: new Date('2027-03-22T08:25:00Z') }];
    const withBuffers = { ...quarterHour, bufferBeforeMinutes: 5, bufferAfterMinutes: 5 };
    const slots = freeSlots({ doctor, date: '2027-03-22', appointmentType: withBuffers, occupied, now: longAgo });
    // 08:00 blocks 07:55-08:20 and 08:15 blocks 08:10-08:35: both overlap. 08:30 blocks from
    // 08:25, exactly where the occupied range ends (half-open ranges): free, like 08:45.
    expect(starts(slots)).toEqual(['2027-03-22T08:30:00.000Z', '2027-03-22T08:45:00.000Z']);
  });

  it('given a time of day, then no slot starts in the past', () => {
    const slots = freeSlots({ doctor, date: '2027-03-22', appointmentType: quarterHour, occupied: [], now: new Date('2027-03-22T08:20:00Z') });
    expect(starts(slots)).toEqual(['2027-03-22T08:30:00.000Z', '2027-03-22T08:45:00.000Z']);
  });

  it('given a day without working hours, then nothing is free', () => {
    expect(freeSlots({ doctor, date: '2027-03-23', appointmentType: quarterHour, occupied: [], now: longAgo })).toEqual([]);
  });
});
